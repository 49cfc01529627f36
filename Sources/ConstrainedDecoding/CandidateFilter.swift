import MemberwiseInit

/// Finds the most likely tokens that a predicate allows, checking candidates in order of their logits and
/// stopping once `limit` are found, so that a step costs a few dozen checks rather than one per vocabulary entry.
@MemberwiseInit
public struct CandidateFilter: Sendable {
  /// Most allowed tokens kept per step (the top-k of the constrained distribution).
  public var limit: Int = 40
  /// Candidates within this many logits of the best are ranked first; the rest only when none of those passes.
  public var window: Float = 14

  /// Up to `limit` allowed token ids, most likely first; empty when no token of the vocabulary is allowed.
  ///
  /// With `includeUnlikely` false only the candidates within `window` of the best are considered: mid-line, a
  /// continuation the model finds that unlikely is a sign the line has gone wrong, better resampled than forced.
  public func allowedTokens(
    logits: [Float], vocabulary: TokenVocabulary, includeUnlikely: Bool = true, isAllowed: (Int, String) -> Bool
  ) -> [Int] {
    var allowed: [Int] = []
    let maximum = logits.max() ?? 0
    // Ranked candidates near the best first; the long tail is gathered only when none of those is allowed.
    for pass in 0..<(includeUnlikely ? 2 : 1) {
      var group: [(token: Int, logit: Float)] = []
      logits.withUnsafeBufferPointer { values in
        for id in vocabulary.emittableTokens where Int(id) < values.count {
          let token = Int(id)
          let near = values[token] >= maximum - window
          if pass == 0 ? near : (!near && values[token] > -Float.infinity) { group.append((token, values[token])) }
        }
      }
      group.sort { $0.logit > $1.logit || ($0.logit == $1.logit && $0.token < $1.token) }
      for candidate in group {
        guard let text = vocabulary.texts[candidate.token] else { continue }
        if isAllowed(candidate.token, text) {
          allowed.append(candidate.token)
          if allowed.count == limit { return allowed }
        }
      }
      if !allowed.isEmpty { return allowed }
    }
    return allowed
  }

  /// `logits` with every token outside `allowed` set to minus infinity.
  public static func mask(_ logits: [Float], keeping allowed: [Int]) -> [Float] {
    var masked = [Float](repeating: -Float.infinity, count: logits.count)
    for token in allowed { masked[token] = logits[token] }
    return masked
  }
}
