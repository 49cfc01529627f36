/// Why an inference step could not run.
public enum InferenceError: Error, CustomStringConvertible, Sendable {
  case contextFull(needed: Int, capacity: Int)
  case tokenOutOfRange(Int)
  case badEmbeddingCount(Int, width: Int)

  public var description: String {
    switch self {
    case .contextFull(let needed, let capacity):
      return "sequence needs \(needed) positions, the context holds \(capacity)"
    case .tokenOutOfRange(let token): return "token id \(token) is outside the vocabulary"
    case .badEmbeddingCount(let count, let width):
      return "\(count) embedding values is not a multiple of the width \(width)"
    }
  }
}
