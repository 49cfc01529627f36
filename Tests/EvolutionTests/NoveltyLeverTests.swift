import Evolution
import Foundation
import Sessions
import Synchronization
import XCTest

/// The novelty levers, each off by default: prompt styles, the short-training screen, resampling of copies, and
/// refusing copies while decoding.
final class NoveltyLeverTests: XCTestCase {
  var folder: URL!

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("evo-levers-\(UUID().uuidString)")
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: folder)
  }

  func settings() -> SearchSettings {
    var settings = SearchSettings()
    settings.parentCount = 2
    settings.rounds = 1
    settings.promptsPerRound = 4
    settings.samplesPerPrompt = 2
    settings.training.steps = 100
    settings.training.evaluationInterval = 50
    return settings
  }

  func run(_ settings: SearchSettings, replies: [String], executor: any Executor = CommentExecutor()) async throws
    -> (SessionState, ScriptedLanguageModel)
  {
    let model = ScriptedLanguageModel(replies: replies)
    let components = SearchRun.Components(
      task: "mnist1d", seeds: SearchRunTests.seeds, languageModel: model,
      languageModelDescription: ["backend": "scripted"], validator: CommentValidator(), executor: executor)
    let run = try SearchRun.start(directory: folder, settings: settings, components: components)
    try await run.run()
    return (await run.state, model)
  }

  func testPromptLeversChangeThePromptsAndAreRecorded() async throws {
    var settings = settings()
    settings.noveltyPrompt = true
    settings.editFraction = 0.5
    let replies = (1...8).map { "class M\($0)(nn.Module):\n    pass  # params \(900 - $0) acc 0.9\n" }
    let (state, model) = try await run(settings, replies: replies)
    let prompts = model.prompts.withLock { $0 }
    XCTAssertEqual(prompts.count, 4)
    let edits = state.prompts(ofRound: 1).filter { $0.text.contains("rewritten; everything else stays the same") }
    XCTAssertFalse(edits.isEmpty, "half the prompts are edits")
    XCTAssertTrue(edits.allSatisfy { $0.parents.count == 1 }, "an edit shows one parent")
    let others = state.prompts(ofRound: 1).filter { !edits.map(\.index).contains($0.index) }
    XCTAssertTrue(others.allSatisfy { $0.text.contains("differs from every model above") })
    XCTAssertEqual(state.configuration?.settings["novelty_prompt"], "true")
    XCTAssertEqual(state.configuration?.settings["edit_prompts"], "0.5")
  }

  func testShrinkPromptsAskForASmallModelOfTheFrontAtHalfItsSize() async throws {
    var settings = settings()
    settings.rounds = 2
    settings.shrinkFraction = 0.5
    // Round 1's children: one small enough to lead the front (error 0.4 < α), one below α that must never be shown.
    let replies = (1...16).map { index in
      switch index {
      case 1: "class Tiny(nn.Module):\n    pass  # params 600 acc 0.6\n"
      case 2: "class Poor(nn.Module):\n    pass  # params 300 acc 0.3\n"
      default: "class M\(index)(nn.Module):\n    pass  # params \(9000 + index) acc 0.9\n"
      }
    }
    let (state, _) = try await run(settings, replies: replies)
    XCTAssertEqual(state.configuration?.settings["shrink_prompts"], "0.5")
    for round in 1...2 {
      let prompts = state.prompts(ofRound: round)
      XCTAssertEqual(prompts.count, 4)
      let shrink = prompts.filter { $0.text.contains("made smaller") }
      XCTAssertEqual(shrink.map(\.index), [1, 3], "every other prompt shrinks, round \(round)")
      XCTAssertTrue(prompts.filter { $0.index % 2 == 0 }.allSatisfy { $0.parents.count == 2 })
      for prompt in shrink {
        let parent = try XCTUnwrap(prompt.parents.first)
        XCTAssertEqual(prompt.parents.count, 1)
        // Round 1's front is (2,000, 0.2), (5,000, 0.1): its smaller half is s2. Round 2's adds c1 (600, 0.4).
        XCTAssertTrue((round == 1 ? ["s2"] : ["c1", "s2"]).contains(parent), "round \(round): \(parent)")
        let params = try XCTUnwrap(state.candidates[parent]?.params)
        XCTAssertTrue(prompt.text.contains("about \(params / 2) parameters"), prompt.text)
        XCTAssertTrue(prompt.text.contains("{'num_params': \(params / 2), "), prompt.text)
      }
    }
  }

  func testScreenTrainsFullyOnlyChildrenAboveTheBar() async throws {
    var settings = settings()
    settings.promptsPerRound = 1
    settings.screenSteps = 20
    settings.screenBar = 0.5
    let executor = StepCountingExecutor()
    let replies = [
      "class Good(nn.Module):\n    pass  # params 900 acc 0.9\n",
      "class Poor(nn.Module):\n    pass  # params 800 acc 0.3\n",
    ]
    let (state, _) = try await run(settings, replies: replies, executor: executor)
    XCTAssertEqual(state.candidates["c1"]?.status, .evaluated)
    XCTAssertEqual(state.candidates["c2"]?.status, .failed)
    XCTAssertTrue(
      state.candidates["c2"]?.failure?.hasPrefix("screened out: validation accuracy 0.300 after 20 steps") ?? false)
    let runs = executor.runs.withLock { $0 }
    XCTAssertEqual(runs.filter { $0.id == "c1" }.map(\.steps), [20, 100])
    XCTAssertEqual(runs.filter { $0.id == "c2" }.map(\.steps), [20])
    XCTAssertEqual(runs.filter { $0.id == "s1" }.map(\.steps), [100], "seeds are never screened")
  }

  func testResampleReplacesCopiesUpToItsLimit() async throws {
    var settings = settings()
    settings.promptsPerRound = 1
    settings.resampleDuplicates = 2
    let (state, model) = try await run(settings, replies: ["class Same(nn.Module):\n    pass  # params 700 acc 0.9\n"])
    let proposals = state.proposals(round: 1, prompt: 0)
    // Two samples asked: the second copies the first and is replaced, the replacement too; then the limit (2) is hit.
    XCTAssertEqual(proposals.map(\.status), [.evaluated, .duplicate, .duplicate, .duplicate])
    XCTAssertEqual(model.prompts.withLock { $0.count }, 3)
    XCTAssertEqual(proposals.map(\.sampleIndex), [0, 1, 2, 3])
  }

  func testRefuseCopiesNamesEveryCheckedCandidateInEachRequest() async throws {
    var settings = settings()
    settings.refuseCopies = true
    let replies = (1...8).map { "class M\($0)(nn.Module):\n    pass  # params \(900 - $0) acc 0.9\n" }
    let (state, model) = try await run(settings, replies: replies)
    let requests = model.requests.withLock { $0 }
    XCTAssertEqual(requests.count, 4)
    let seeds = state.orderedCandidates.filter { $0.round == 0 }
    XCTAssertEqual(Set(requests[0].distinctFrom.values), Set(seeds.map(\.id)))
    // Each prompt's children are checked before the next prompt is asked, and named in its request.
    for (index, request) in requests.enumerated() {
      let checkedBefore = state.orderedCandidates.filter { $0.round == 0 || ($0.promptIndex ?? 99) < index }
      XCTAssertEqual(Set(request.distinctFrom.values), Set(checkedBefore.map(\.id)), "request \(index)")
      for candidate in checkedBefore { XCTAssertEqual(request.distinctFrom[candidate.fingerprint ?? ""], candidate.id) }
    }
    XCTAssertEqual(state.proposals(round: 1, prompt: 3).map(\.status), [.evaluated, .evaluated])
  }

  func testWithoutRefuseCopiesRequestsNameNothing() async throws {
    let (_, model) = try await run(settings(), replies: ["class Same(nn.Module):\n    pass  # params 700 acc 0.9\n"])
    XCTAssertTrue(model.requests.withLock { $0 }.allSatisfy { $0.distinctFrom.isEmpty })
  }

  func testTheDefaultsAreThePapersMethod() {
    let defaults = SearchSettings()
    XCTAssertFalse(defaults.noveltyPrompt)
    XCTAssertEqual(defaults.editFraction, 0)
    XCTAssertEqual(defaults.screenSteps, 0)
    XCTAssertEqual(defaults.resampleDuplicates, 0)
    XCTAssertFalse(defaults.refuseCopies)
    XCTAssertEqual(defaults.shrinkFraction, 0)
    XCTAssertEqual(try SearchSettings(recorded: defaults.recorded), defaults)
  }
}

/// Records the steps of every training job and scores it as `CommentExecutor` does.
final class StepCountingExecutor: Executor {
  let runs = Mutex<[(id: String, steps: Int)]>([])
  let inner = CommentExecutor()

  func evaluate(_ job: EvaluationJob, progress: @escaping @Sendable (TrainingProgress) -> Void) async
    -> EvaluationOutcome
  {
    runs.withLock { $0.append((job.id, job.training.steps)) }
    return await inner.evaluate(job, progress: progress)
  }
}
