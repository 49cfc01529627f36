import Sessions
import XCTest

final class SessionStateTests: XCTestCase {
  func proposal(_ id: String, round: Int = 1, parents: [String] = ["s1"]) -> SessionEvent {
    .candidateProposed(
      CandidateProposed(
        id: id, round: round, origin: .proposal, parents: parents, code: "code \(id)", promptIndex: 0, sampleIndex: 0))
  }

  func finished(_ id: String, params: Int, accuracy: Float) -> SessionEvent {
    .trainingFinished(
      TrainingFinished(
        id: id, params: params, validationAccuracy: accuracy, testAccuracy: accuracy, seconds: 1, millisecondsPerStep: 1
      ))
  }

  func testARepairedProgramBecomesTheCandidatesCodeWithItsRawTextKept() {
    var state = SessionState()
    state.apply(proposal("c1"))
    state.apply(
      .proposalValidated(
        ProposalValidated(
          id: "c1", params: 1260, fingerprint: "f", repairedCode: "repaired c1",
          repairs: ["13:19: in_features 512 -> 125, the size of its input"])))
    XCTAssertEqual(state.candidates["c1"]?.code, "repaired c1")
    XCTAssertEqual(state.candidates["c1"]?.repairs, ["13:19: in_features 512 -> 125, the size of its input"])
    state.apply(proposal("c2"))
    state.apply(.proposalValidated(ProposalValidated(id: "c2", params: 10, fingerprint: "g")))
    XCTAssertEqual(state.candidates["c2"]?.code, "code c2")
    XCTAssertEqual(state.candidates["c2"]?.repairs, [])
  }

  func testLifecycleAndFitness() {
    var state = SessionState()
    state.apply(.candidateProposed(CandidateProposed(id: "s1", round: 0, origin: .seed, parents: [], code: "seed")))
    state.apply(.proposalValidated(ProposalValidated(id: "s1", params: 1000, fingerprint: "f1")))
    XCTAssertEqual(state.candidates["s1"]?.status, .validated)
    state.apply(.trainingStarted(id: "s1", attempt: 1))
    state.apply(
      .trainingProgress(TrainingProgress(id: "s1", step: 50, steps: 200, trainLoss: 1, validationAccuracy: nil)))
    XCTAssertEqual(state.candidates["s1"]?.trainingFraction, 0.25)
    XCTAssertEqual(state.interruptedTraining, ["s1"])
    state.apply(finished("s1", params: 1000, accuracy: 0.9))
    XCTAssertEqual(state.candidates["s1"]?.status, .evaluated)
    XCTAssertEqual(state.candidates["s1"]!.fitness!, -100, accuracy: 1e-3)

    state.apply(.roundStarted(round: 1))
    state.apply(proposal("c1"))
    state.apply(.proposalValidated(ProposalValidated(id: "c1", params: 500, fingerprint: "f2")))
    state.apply(.trainingStarted(id: "c1", attempt: 1))
    state.apply(finished("c1", params: 500, accuracy: 0.85))
    state.apply(proposal("c2"))
    state.apply(
      .proposalRejected(ProposalRejected(id: "c2", kind: .duplicate, reason: "same as c1", duplicateOf: "c1")))
    state.apply(proposal("c3"))
    state.apply(
      .proposalRejected(
        ProposalRejected(id: "c3", kind: .invalid, reason: "nn.Conv2d is not supported", line: 4, column: 9)))
    XCTAssertEqual(state.evaluatedByFitness.map(\.id), ["c1", "s1"])
    XCTAssertEqual(state.best?.id, "c1")
    XCTAssertEqual(state.candidates["c2"]?.status.reportName, "duplicate")
    XCTAssertEqual(state.candidates["c3"]?.status.reportName, "rejected")
    XCTAssertEqual(state.fingerprints, ["f1": "s1", "f2": "c1"])
    state.apply(.roundFinished(round: 1))
    XCTAssertEqual(state.roundsCompleted, 1)
  }

  func testReviewDecisions() {
    var state = SessionState()
    for id in ["a", "b", "c"] {
      state.apply(proposal(id))
      state.apply(.proposalValidated(ProposalValidated(id: id, params: 10, fingerprint: id)))
    }
    state.apply(.reviewDecided(ReviewDecided(id: "a", decision: .accepted)))
    state.apply(.reviewDecided(ReviewDecided(id: "b", decision: .rejected, note: "too big")))
    state.apply(.reviewDecided(ReviewDecided(id: "c", decision: .edited, code: "edited code")))
    XCTAssertEqual(state.candidates["a"]?.status, .accepted)
    XCTAssertEqual(state.candidates["b"]?.status, .rejected)
    XCTAssertEqual(state.candidates["b"]?.rejection?.kind, .review)
    XCTAssertTrue(state.candidates["b"]?.rejection?.reason.contains("review") ?? false)
    XCTAssertEqual(state.candidates["c"]?.status, .proposed)
    XCTAssertEqual(state.candidates["c"]?.code, "edited code")
    XCTAssertTrue(state.candidates["c"]?.edited ?? false)
    state.apply(.proposalValidated(ProposalValidated(id: "c", params: 12, fingerprint: "c2")))
    XCTAssertEqual(state.candidates["c"]?.status, .accepted, "an edited proposal trains once it is valid")
  }

  func testResumeRequeuesInterruptedTraining() {
    var state = SessionState()
    state.apply(proposal("a"))
    state.apply(.proposalValidated(ProposalValidated(id: "a", params: 10, fingerprint: "a")))
    state.apply(.trainingStarted(id: "a", attempt: 1))
    state.apply(.runResumed(interruptedTraining: state.interruptedTraining))
    XCTAssertEqual(state.candidates["a"]?.status, .accepted)
    XCTAssertEqual(state.resumeCount, 1)
  }
}
