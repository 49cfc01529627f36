/// Everything known about one candidate, folded from its events.
public struct CandidateRecord: Sendable, Equatable {
  public var id: String
  public var round: Int
  public var origin: CandidateOrigin
  public var parents: [String]
  public var code: String
  public var rawText: String?
  public var name: String?
  public var status: CandidateStatus
  public var params: Int?
  public var fingerprint: String?
  public var validationAccuracy: Float?
  public var testAccuracy: Float?
  public var seconds: Double?
  public var rejection: ProposalRejected?
  public var failure: String?
  /// Whether a researcher changed the program (in review, or as a hand-edit of another candidate).
  public var edited: Bool
  /// Whether review accepted it (accepted or edited), so it trains once valid.
  public var reviewAccepted: Bool
  public var curve: [TrainingProgress]
  public var trainingAttempts: Int
  /// The cluster jobs that trained it, in order (Ray submission ids; empty with local workers): a retry after a
  /// lost job adds one, and so does the short run of a screened child; a re-attachment after a resume does not.
  public var submissions: [String]
  public var promptIndex: Int?
  public var sampleIndex: Int?
  public var temperature: Float?
  public var constrained: Bool?
  /// The input sizes the check rewrote before this candidate trained (empty when its code is as proposed).
  public var repairs: [String] = []

  init(_ proposal: CandidateProposed) {
    id = proposal.id
    round = proposal.round
    origin = proposal.origin
    parents = proposal.parents
    code = proposal.code
    rawText = proposal.rawText
    name = proposal.name
    status = .proposed
    edited = proposal.origin == .edit
    reviewAccepted = proposal.origin == .edit
    curve = []
    trainingAttempts = 0
    submissions = []
    promptIndex = proposal.promptIndex
    sampleIndex = proposal.sampleIndex
    temperature = proposal.temperature
    constrained = proposal.constrained
  }

  /// Validation error (1 - best validation accuracy).
  public var validationError: Float? { validationAccuracy.map { 1 - $0 } }

  /// The paper's fitness, `-(parameters x validation error)`; higher is better.
  public var fitness: Double? {
    guard let params, let validationError else { return nil }
    return -Double(params) * Double(validationError)
  }

  /// The latest training progress as a fraction (0...1).
  public var trainingFraction: Double? {
    guard status == .training, let last = curve.last, last.steps > 0 else { return status == .training ? 0 : nil }
    return Double(last.step) / Double(last.steps)
  }
}
