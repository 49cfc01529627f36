extension ConstrainedProposal {
  /// A proposal from its outcome alone (stand-in proposers in tests; the proposer fills in every field).
  public init(code: String, finished: Bool, failure: String? = nil, sampledTokens: Int = 0, decodeSeconds: Double = 0) {
    self.code = code
    self.finished = finished
    self.failure = failure
    self.sampledTokens = sampledTokens
    self.programTokens = 0
    self.backtracks = 0
    self.decodeSeconds = decodeSeconds
    self.promptSeconds = 0
  }
}
