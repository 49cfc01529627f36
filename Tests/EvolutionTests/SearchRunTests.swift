import ArchLang
import Evolution
import Foundation
import LanguageModels
import Sessions
import XCTest

final class SearchRunTests: XCTestCase {
  var folder: URL!

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("evo-search-\(UUID().uuidString)")
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: folder)
  }

  static let seeds = [
    SeedProgram(
      name: "big", parameterCount: 5000, source: "class Model(nn.Module):\n    pass  # params 5000 acc 0.90\n"),
    SeedProgram(
      name: "small", parameterCount: 2000, source: "class Model(nn.Module):\n    pass  # params 2000 acc 0.80\n"),
  ]

  func settings(rounds: Int = 2) -> SearchSettings {
    var settings = SearchSettings()
    settings.parentCount = 2
    settings.parentsPerPrompt = 2
    settings.rounds = rounds
    settings.promptsPerRound = 2
    settings.samplesPerPrompt = 2
    settings.training.steps = 10
    settings.jobs = 2
    return settings
  }

  func components(_ model: ScriptedLanguageModel, executor: CommentExecutor = CommentExecutor())
    -> SearchRun.Components
  {
    SearchRun.Components(
      task: "mnist1d", seeds: Self.seeds, languageModel: model, languageModelDescription: ["backend": "scripted"],
      validator: CommentValidator(), executor: executor)
  }

  func testSearchRecordsEveryOutcomeAndKeepsTheFittest() async throws {
    let replies = [
      "class A(nn.Module):\n    pass  # params 1000 acc 0.95\n",  // valid raw continuation
      "```python\nimport torch\nclass B(nn.Module):\n    pass  # params 900 acc 0.93\n```",  // fenced chat reply
      "I cannot help with that.",  // no code
      "class C(nn.Module):\n    BAD  # params 10\n",  // invalid
      "class A(nn.Module):\n    pass  # params 1000 acc 0.95\n",  // duplicate of the first
      "class D(nn.Module):\n    pass  # CRASH\n",  // training fails
      "class E(nn.Module):\n    pass  # params 800 acc 0.40\n",  // trains, above alpha error
      "class F(nn.Module):\n    pass  # params 700 acc 0.91\n",
    ]
    let model = ScriptedLanguageModel(replies: replies)
    let run = try SearchRun.start(directory: folder, settings: settings(), components: components(model))
    try await run.run()
    let state = await run.state
    XCTAssertTrue(state.finished)
    XCTAssertEqual(state.roundsCompleted, 2)
    let byName = Dictionary(uniqueKeysWithValues: state.orderedCandidates.map { ($0.id, $0) })
    XCTAssertEqual(byName["s1"]?.status, .evaluated)
    XCTAssertEqual(byName["c1"]?.status, .evaluated)
    XCTAssertEqual(byName["c2"]?.status, .evaluated)
    XCTAssertTrue(byName["c2"]?.code.hasPrefix("import torch") ?? false, "the fenced block is the program")
    XCTAssertEqual(byName["c3"]?.rejection?.kind, .noCode)
    XCTAssertEqual(byName["c4"]?.rejection?.kind, .invalid)
    // Lines count in the extracted program: the opening's three imports, two blank lines, then the class.
    XCTAssertEqual(byName["c4"]?.rejection?.line, 7, "lines count in the program extraction made")
    XCTAssertEqual(byName["c5"]?.status, .duplicate)
    XCTAssertEqual(byName["c5"]?.rejection?.duplicateOf, "c1")
    XCTAssertEqual(byName["c6"]?.status, .failed)
    XCTAssertTrue(byName["c6"]?.failure?.contains("signal 9") ?? false)
    // Round 1's parents were the seeds; after round 1 they are retired and the fittest children take over.
    XCTAssertEqual(state.prompts(ofRound: 1).flatMap(\.parents).sorted(), ["s1", "s1", "s2", "s2"])
    XCTAssertFalse(state.parents.contains("s1"))
    XCTAssertFalse(state.parents.contains("c7"), "a child with validation error above alpha never becomes a parent")
    // The prompt has each parent's metrics and the paper's target line (90% of the smallest, 102% of the best).
    let firstPrompt = try XCTUnwrap(model.prompts.withLock { $0.first })
    XCTAssertTrue(firstPrompt.contains("{'num_params': 2000, 'val_accuracy': 0.800}"))
    XCTAssertTrue(firstPrompt.contains("{'num_params': 1800, 'val_accuracy': 0.918}"))
    XCTAssertTrue(firstPrompt.hasSuffix("import torch.nn.functional as F\n"))
    // Programs are written beside the log.
    let program = try String(contentsOf: folder.appendingPathComponent("programs/c1.py"), encoding: .utf8)
    XCTAssertTrue(program.contains("class A"))
    // The log alone rebuilds the same state.
    XCTAssertEqual(SessionState(events: try EventLog.read(at: folder).events), state)
  }

  func testNaiveFewShotBaselineUsesOneRoundOfAllSamples() async throws {
    var baseline = settings(rounds: 3)
    baseline.naiveFewShot = true
    let model = ScriptedLanguageModel(replies: ["class A(nn.Module):\n    pass  # params 1000 acc 0.95\n"])
    let run = try SearchRun.start(directory: folder, settings: baseline, components: components(model))
    try await run.run()
    let state = await run.state
    XCTAssertEqual(state.roundsCompleted, 1)
    XCTAssertEqual(state.prompts(ofRound: 1).count, 6)
    XCTAssertTrue(state.prompts(ofRound: 1).allSatisfy { Set($0.parents).isSubset(of: ["s1", "s2"]) })
  }

  func testResumeAfterInterruptionKeepsFinishedWorkAndRedoesTheRest() async throws {
    let replies = (0..<16).map { "class M\($0)(nn.Module):\n    pass  # params \(1000 + $0) acc 0.9\n" }
    let first = ScriptedLanguageModel(replies: replies)
    let run = try SearchRun.start(directory: folder, settings: settings(), components: components(first))
    try await run.run()
    let complete = await run.state

    // Cut the log right after the first training of round 2 started, as a SIGKILL there would.
    let events = try EventLog.read(at: folder).events
    let cut = try XCTUnwrap(
      events.firstIndex { event in
        if case .trainingStarted(let id, _) = event.event, complete.candidates[id]?.round == 2 { return true }
        return false
      })
    let file = folder.appendingPathComponent("session.jsonl")
    let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
    try (lines.prefix(cut + 2).joined(separator: "\n") + "\n{\"seq\":").write(
      to: file, atomically: true, encoding: .utf8)

    let executor = CommentExecutor()
    let resumed = try SearchRun.resume(
      directory: folder, components: components(ScriptedLanguageModel(replies: replies), executor: executor))
    XCTAssertNotNil(resumed.log.recoveredTail)
    try await resumed.run()
    let state = await resumed.state
    XCTAssertTrue(state.finished)
    XCTAssertEqual(state.resumeCount, 1)
    // Nothing evaluated before the crash is trained again; the interrupted candidate is.
    let interrupted = events[cut].event
    guard case .trainingStarted(let interruptedID, _) = interrupted else { return XCTFail() }
    let retrained = executor.evaluated.withLock { $0 }
    XCTAssertTrue(retrained.contains(interruptedID))
    for id in retrained { XCTAssertEqual(complete.candidates[id]?.round, 2, "\(id) was evaluated before the crash") }
    XCTAssertEqual(state.orderedCandidates.count, complete.orderedCandidates.count)
    XCTAssertEqual(
      state.orderedCandidates.filter { $0.status == .evaluated }.count,
      complete.orderedCandidates.filter { $0.status == .evaluated }.count)
  }
}

extension SearchRunTests {
  func testPauseBeforeTrainingReturnsAndResumeFinishes() async throws {
    let model = ScriptedLanguageModel(replies: ["class A(nn.Module):\n    pass  # params 1000 acc 0.95\n"])
    let run = try SearchRun.start(directory: folder, settings: settings(rounds: 1), components: components(model))
    await run.requestPause()
    try await run.run()
    let paused = await run.state
    XCTAssertFalse(paused.finished)
    XCTAssertTrue(paused.orderedCandidates.allSatisfy { $0.status == .validated }, "nothing trained after the pause")
    let resumed = try SearchRun.resume(directory: folder, components: components(model))
    try await resumed.run()
    let state = await resumed.state
    XCTAssertTrue(state.finished)
    XCTAssertEqual(state.candidates["s1"]?.status, .evaluated)
  }
}
