/// Who decides which valid proposals are trained.
public enum ReviewMode: String, Sendable, Codable, CaseIterable {
  /// Every valid proposal waits for the researcher to accept, reject or edit it.
  case manual
  /// Every valid proposal trains without review.
  case auto
  /// Valid proposals train without review; invalid ones wait in the review queue so the researcher can fix them.
  case autoValid = "auto-valid"
}
