import Sessions
import XCTest

/// The one definition of the best model: the fittest candidate with validation error below α.
final class BestModelTests: XCTestCase {
  func event(_ id: String, params: Int, accuracy: Float, round: Int = 1) -> [SessionEvent] {
    [
      .candidateProposed(
        CandidateProposed(id: id, round: round, origin: round == 0 ? .seed : .proposal, parents: [], code: id)),
      .proposalValidated(ProposalValidated(id: id, params: params, fingerprint: id)),
      .trainingStarted(id: id, attempt: 1),
      .trainingFinished(
        TrainingFinished(
          id: id, params: params, validationAccuracy: accuracy, testAccuracy: accuracy, seconds: 1,
          millisecondsPerStep: 1)),
    ]
  }

  func state(alpha: String?, _ events: [[SessionEvent]]) -> SessionState {
    var settings: [String: String] = [:]
    if let alpha { settings["alpha"] = alpha }
    var state = SessionState()
    state.apply(.runConfigured(RunConfigured(task: "mnist1d", languageModel: [:], settings: settings, seed: 0)))
    for list in events { for event in list { state.apply(event) } }
    return state
  }

  func testATinyModelThatLearntNothingIsNotTheBestThoughItIsTheFittest() {
    // tiny: 300 params at 32.6% (fitness -202); good: 5,100 params at 80.2% (fitness -1,010).
    let state = state(
      alpha: "0.5", [event("tiny", params: 300, accuracy: 0.326), event("good", params: 5_100, accuracy: 0.802)])
    XCTAssertEqual(state.evaluatedByFitness.first?.id, "tiny", "raw fitness prefers the tiny model")
    XCTAssertEqual(state.best?.id, "good")
    XCTAssertEqual(state.ranking.map(\.id), ["good", "tiny"], "eligible first, then the rest by fitness")
    XCTAssertTrue(state.isEligible(state.candidates["good"]!))
    XCTAssertFalse(state.isEligible(state.candidates["tiny"]!))
    XCTAssertEqual(SessionReport(state: state).best?.id, "good")
  }

  func testAlphaComesFromTheRecordedSettings() {
    // a: fitness -300 at 30% error; b: fitness -400 at 20% error.
    let events = [event("a", params: 1_000, accuracy: 0.7), event("b", params: 2_000, accuracy: 0.8)]
    XCTAssertEqual(state(alpha: "0.5", events).best?.id, "a")
    XCTAssertEqual(state(alpha: "0.25", events).best?.id, "b", "a's 30% error is above α = 0.25")
    XCTAssertEqual(state(alpha: "0.05", events).best?.id, nil, "nothing is eligible")
    XCTAssertEqual(state(alpha: nil, events).alpha, 0.5, "the paper's α when the log has none")
    XCTAssertTrue(state(alpha: "0.25", events).bestRule.contains("α = 0.25"))
  }

  func testTheRecordedBestIsKeptApartFromTheComputedOne() {
    var state = state(
      alpha: "0.5", [event("tiny", params: 300, accuracy: 0.326), event("good", params: 5_100, accuracy: 0.8)])
    state.apply(.runFinished(best: "tiny"))
    XCTAssertEqual(state.recordedBest, "tiny", "an old log's run_finished is read as written")
    XCTAssertEqual(state.best?.id, "good")
  }
}

/// Durations as people read them: a fast step is milliseconds, never "0.0s".
final class DurationTextTests: XCTestCase {
  func testDurations() {
    XCTAssertEqual(SessionReport.duration(0.0003), "<1ms")
    XCTAssertEqual(SessionReport.duration(0.042), "42ms")
    XCTAssertEqual(SessionReport.duration(0.0499), "50ms")
    XCTAssertEqual(SessionReport.duration(0.9996), "1.0s")
    XCTAssertEqual(SessionReport.duration(4.25), "4.2s")
    XCTAssertEqual(SessionReport.duration(31), "31s")
    XCTAssertEqual(SessionReport.duration(125), "2m05s")
    XCTAssertEqual(SessionReport.duration(4_000), "1h07m")
    XCTAssertEqual(SessionReport.duration(.nan), "?")
  }
}
