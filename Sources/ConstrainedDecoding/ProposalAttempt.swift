/// What one attempt of a `ProposalDecoder` has written and learnt; a fresh attempt starts from a new one.
struct ProposalAttempt {
  /// The tokens kept so far.
  var tokens: [Int] = []
  /// UTF-8 length of `text` after each token.
  var tokenEnds: [Int] = []
  /// The generated text (after the program opening).
  var text: [UInt8] = []
  /// The prefix checker after the complete lines of `text`.
  var checker: PrefixChecker
  /// The line being written.
  var partialLine: [UInt8] = []
  /// Offset in `text` of each line.
  var lineStarts: [Int] = [0]
  /// The complete generated lines, in order.
  var generatedLines: [CommittedLine] = []
  /// The checker's shape hints after each generated line.
  var lineHints: [ShapeHints?] = []
  /// Rejections per line number.
  var rejections: [Int: Int] = [:]
  /// Tokens that led to a dead end, keyed by the hash of the text before them.
  var bannedNext: [Int: Set<Int>] = [:]
  /// Tokens taken back one at a time so far.
  var tokenBacktracks = 0
  /// Lines that may not be written again (`PrefixChecker.banKey`).
  var banned: Set<String> = []
  /// Line beginnings that fail however the line goes on, per line number (`PrefixChecker.bannedPrefixes`).
  var bannedPrefixes: [Int: [String]] = [:]
  /// Whether a `return` has failed: returns are then chosen among those known to give the class scores.
  var restrictReturns = false
  /// Lines resampled so far.
  var backtracks = 0
  /// Why the attempt stopped without a program, once it has.
  var failure: String?
  /// What the finished program computes (`LineVerifier.Verdict.finished`).
  var functionFingerprint: String?
  /// Finished programs rewritten because they copied a program of `ProposalDecoder.distinctFrom`.
  var copiesRewritten = 0
}
