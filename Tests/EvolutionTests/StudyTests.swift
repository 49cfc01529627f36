import ArchLang
import Evolution
import Foundation
import Sessions
import Synchronization
import XCTest

/// The study's maths (fronts, hypervolume, dominance), its per-session counts, its plots, and running arms x seeds
/// as resumable sessions.
final class StudyTests: XCTestCase {
  var folder: URL!

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent("evo-study-\(UUID().uuidString)")
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: folder)
  }

  func testFrontAndHypervolumeAgainstTheReferencePoint() {
    let points = [
      ParetoPoint(id: "a", params: 100, validationError: 0.4),  // log 2
      ParetoPoint(id: "b", params: 1000, validationError: 0.2),  // log 3
      ParetoPoint(id: "c", params: 10000, validationError: 0.3),  // dominated by b
      ParetoPoint(id: "d", params: 2_000_000, validationError: 0.01),  // past the reference size
    ]
    XCTAssertEqual(ParetoFront.front(of: points).map(\.id), ["a", "b", "d"])
    // (3 - 2) x (1 - 0.4) + (6 - 3) x (1 - 0.2) = 0.6 + 2.4
    XCTAssertEqual(ParetoFront.hypervolume(of: points), 3.0, accuracy: 1e-9)
    XCTAssertEqual(ParetoFront.hypervolume(of: []), 0)
    XCTAssertTrue(points[1].dominates(points[2]))
    XCTAssertFalse(points[0].dominates(points[1]))
    XCTAssertFalse(points[1].dominates(points[1]), "a copy does not dominate its original")
  }

  func testArmsParseWithLeversAndSetTheirSettings() throws {
    let arm = try StudyArm(parsing: "evoprompting+novelty-prompt+screen+resample+edit")
    XCTAssertEqual(arm.description, "evoprompting+novelty-prompt+screen+resample+edit")
    let settings = arm.settings(from: .study, seed: 2)
    XCTAssertTrue(settings.noveltyPrompt)
    XCTAssertEqual(settings.screenSteps, 375, "a quarter of the preset's 1,500 steps")
    XCTAssertEqual(settings.resampleDuplicates, 2, "as many as the preset's samples per prompt")
    XCTAssertEqual(settings.editFraction, 0.5)
    XCTAssertEqual(settings.seed, 2)
    XCTAssertTrue(try StudyArm(parsing: "naive-fewshot").settings(from: .study, seed: 0).naiveFewShot)
    XCTAssertFalse(try StudyArm(parsing: "no-tuning").settings(from: .study, seed: 0).promptTuning)
    XCTAssertEqual(
      try StudyArm(parsing: "evoprompting+refuse-copies+shrink").settings(from: .study, seed: 0).shrinkFraction, 0.5)
    XCTAssertThrowsError(try StudyArm(parsing: "evoprompting+magic"))
    let paper = try StudyArm(parsing: "evoprompting").settings(from: .study, seed: 0)
    XCTAssertFalse(paper.noveltyPrompt)
    XCTAssertEqual(paper.screenSteps + paper.resampleDuplicates, 0)
    XCTAssertEqual(paper.editFraction + paper.shrinkFraction, 0)
    XCTAssertFalse(paper.refuseCopies)
  }

  /// The study preset is the paper's method; the quick preset (`make demo`) is the same budget with the two levers
  /// the study found better.
  func testTheQuickPresetIsTheStudyBudgetWithTheLevers() {
    var quick = SearchSettings.quick
    XCTAssertTrue(quick.refuseCopies)
    XCTAssertEqual(quick.shrinkFraction, 0.5)
    quick.refuseCopies = false
    quick.shrinkFraction = 0
    XCTAssertEqual(quick, SearchSettings.study)
    XCTAssertEqual(
      SearchSettings.study.rounds * SearchSettings.study.promptsPerRound * SearchSettings.study.samplesPerPrompt, 24)
  }

  func testSessionResultCountsChildrenByOutcomeWithinTheBudget() {
    var state = SessionState()
    func propose(_ id: String, origin: CandidateOrigin, parents: [String] = []) {
      state.apply(.candidateProposed(CandidateProposed(id: id, round: 1, origin: origin, parents: parents, code: "")))
    }
    func train(_ id: String, _ params: Int, _ accuracy: Float) {
      state.apply(.proposalValidated(ProposalValidated(id: id, params: params, fingerprint: id)))
      state.apply(
        .trainingFinished(
          TrainingFinished(
            id: id, params: params, validationAccuracy: accuracy, testAccuracy: accuracy, seconds: 1,
            millisecondsPerStep: 1)))
    }
    propose("s1", origin: .seed)
    train("s1", 5000, 0.9)
    propose("s2", origin: .seed)
    train("s2", 50000, 0.95)
    propose("c1", origin: .proposal, parents: ["s1", "s2"])
    train("c1", 4000, 0.92)  // dominates s1
    propose("c2", origin: .proposal, parents: ["s1"])
    state.apply(.proposalRejected(ProposalRejected(id: "c2", kind: .duplicate, reason: "copy", duplicateOf: "s1")))
    propose("c3", origin: .proposal, parents: ["s1"])
    state.apply(.proposalRejected(ProposalRejected(id: "c3", kind: .noCode, reason: "none")))
    propose("c4", origin: .proposal, parents: ["s2"])
    train("c4", 300, 0.3)  // trained, not eligible
    propose("c5", origin: .proposal, parents: ["s2"])
    state.apply(.proposalValidated(ProposalValidated(id: "c5", params: 10, fingerprint: "c5")))
    state.apply(.trainingFailed(id: "c5", reason: "screened out: validation accuracy 0.100 after 5 steps"))
    propose("c6", origin: .proposal, parents: ["s2"])  // past the budget
    train("c6", 10, 0.99)
    let result = StudySessionResult(arm: "evoprompting", seed: 0, session: "x", state: state, budget: 5, alpha: 0.5)
    XCTAssertEqual(
      [result.proposed, result.valid, result.novel, result.trained, result.screenedOut, result.eligible],
      [5, 4, 3, 2, 1, 1])
    XCTAssertEqual(result.front.map(\.id), ["c1", "s2"])
    XCTAssertEqual(result.best, "c1")
    XCTAssertEqual(result.bestFitness ?? 0, -320, accuracy: 1e-3)
    XCTAssertEqual(result.dominatingAParent, 1)
    XCTAssertEqual(result.dominatingASeed, 1)
    XCTAssertGreaterThan(result.hypervolume, result.seedsHypervolume)
    let report = StudyReport(task: "mnist1d", budget: 5, alpha: 0.5, sessions: [result], armOrder: ["evoprompting"])
    XCTAssertEqual(report.arms.first?.seedsWithLargerHypervolume, 1)
    XCTAssertTrue(report.json.contains("\"reference_point\""))
    let svg = StudySVG.render(report)
    XCTAssertTrue(svg.hasPrefix("<svg") && svg.contains("evoprompting (mean HV") && svg.contains("seed s1"))
    let plot = StudyTerminalPlot.render(report)
    XCTAssertTrue(plot.contains("1 evoprompting") && plot.contains("◆"))
    XCTAssertTrue(plot.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) }, "braille fronts")
    XCTAssertTrue(plot.contains("validation error (1 - val acc)") && svg.contains("validation error (1 - val acc)"))
    // A CLRS study names its metric, a score.
    let clrs = StudyReport(
      task: "clrs:articulation_points", budget: 5, alpha: 0.5, sessions: [result], armOrder: ["evoprompting"])
    XCTAssertTrue(StudyTerminalPlot.render(clrs).contains("validation error (1 - val score)"))
    XCTAssertTrue(StudySVG.render(clrs).contains("validation error (1 - val score)"))
  }

  /// EvoPrompting and naive few-shot over `seeds` in the test's folder: `rounds` of one prompt x two samples, 10
  /// training steps.
  func twoArmPlan(rounds: Int, seeds: [UInt64]) -> StudyPlan {
    var settings = SearchSettings()
    settings.parentCount = 2
    settings.rounds = rounds
    settings.promptsPerRound = 1
    settings.samplesPerPrompt = 2
    settings.training.steps = 10
    return StudyPlan(
      task: "mnist1d", arms: [StudyArm(base: .evoprompting), StudyArm(base: .naiveFewShot)], seeds: seeds,
      settings: settings, directory: folder)
  }

  /// Two arms x two seeds on test doubles: the study starts every session, stops when one is paused, and a second
  /// run reuses the finished sessions and finishes the rest.
  func testStudyRunsArmsAndSeedsAsResumableSessions() async throws {
    let plan = twoArmPlan(rounds: 2, seeds: [0, 1])
    let replies = (1...40).map { "class M\($0)(nn.Module):\n    pass  # params \(1000 - $0 * 10) acc 0.9\n" }
    let model = ScriptedLanguageModel(replies: replies)
    let runner = StudyRunner(plan: plan) { _, _, _ in
      SearchRun.Components(
        task: "mnist1d", seeds: SearchRunTests.seeds, languageModel: model,
        languageModelDescription: ["backend": "scripted"], validator: CommentValidator(),
        executor: CommentExecutor())
    }
    // Pause the third session (naive-fewshot, seed 0) before it trains anything.
    let started = Mutex(0)
    let first = try await runner.run { run in
      if started.withLock({
        $0 += 1; return $0
      }) == 3 {
        await run.requestPause()
      }
      try await run.run()
    }
    XCTAssertFalse(first)
    let events = Mutex<[String]>([])
    let second = try await runner.run(drive: { try await $0.run() }) { arm, seed, what in
      events.withLock { $0.append("\(arm)-\(seed) \(what)") }
    }
    XCTAssertTrue(second)
    XCTAssertEqual(
      events.withLock { $0 },
      [
        "evoprompting-0 reused", "evoprompting-1 reused", "naive-fewshot-0 resumed",
        "naive-fewshot-0 reuses the trainings of evoprompting-0 for identical jobs", "naive-fewshot-1 started",
        "naive-fewshot-1 reuses the trainings of evoprompting-1 for identical jobs",
      ])
    let report = try runner.report()
    XCTAssertEqual(report.sessions.count, 4)
    XCTAssertTrue(report.sessions.allSatisfy { $0.finished && $0.proposed == 4 && $0.trained == 4 })
    XCTAssertEqual(report.arms.map(\.arm), ["evoprompting", "naive-fewshot"])
    // A worker's limits are the machine's: a study with others continues the sessions as they are.
    var limits = plan
    limits.settings.workerTimeoutSeconds = 60
    limits.settings.workerMemoryMegabytes = 1024
    let finished = try await StudyRunner(plan: limits) { _, _, _ in fatalError("never built") }.run(drive: { _ in })
    XCTAssertTrue(finished)
    // A session started with other settings is not silently continued.
    var other = plan
    other.settings.training.steps = 20
    let stale = StudyRunner(plan: other) { _, _, _ in fatalError("never built") }
    do {
      _ = try await stale.run(drive: { _ in })
      XCTFail("expected a settings mismatch")
    } catch let error as StudyError {
      XCTAssertTrue(error.description.contains("steps = 10"), error.description)
    }
  }

  /// The arms of one seed train the same seeds with the same settings: the second arm reuses the first's trainings
  /// (curve and result, under its own ids) instead of training them again; its own children still train.
  func testArmsOfOneSeedTrainTheSeedsOnce() async throws {
    let plan = twoArmPlan(rounds: 1, seeds: [3])
    let replies = (1...4).map { "class M\($0)(nn.Module):\n    pass  # params \(1000 - $0 * 10) acc 0.9\n" }
    let model = ScriptedLanguageModel(replies: replies)
    let executor = CommentExecutor()
    let runner = StudyRunner(plan: plan) { _, _, _ in
      SearchRun.Components(
        task: "mnist1d", seeds: SearchRunTests.seeds, languageModel: model,
        languageModelDescription: ["backend": "scripted"], validator: CommentValidator(), executor: executor)
    }
    let finished = try await runner.run(drive: { try await $0.run() })
    XCTAssertTrue(finished)
    let seedCount = SearchRunTests.seeds.count
    XCTAssertEqual(executor.evaluated.withLock { $0.count }, seedCount + 2 + 2, "each seed once, each child once")
    let states = try plan.runs.map { arm, seed in
      SessionState(events: try EventLog.read(at: plan.sessionDirectory(arm: arm, seed: seed)).events)
    }
    for seed in states[0].orderedCandidates where seed.origin == .seed {
      let reused = try XCTUnwrap(states[1].candidates[seed.id])
      XCTAssertEqual(reused.status, .evaluated)
      XCTAssertEqual(reused.validationAccuracy, seed.validationAccuracy)
      XCTAssertEqual(reused.params, seed.params)
      XCTAssertEqual(reused.curve, seed.curve)
    }
    XCTAssertEqual(states[1].orderedCandidates.filter { $0.origin == .proposal && $0.status == .evaluated }.count, 2)
  }
}
