/// A session's state after a prompt, kept compactly: the KV cache of its positions (held as F16, which is exactly
/// what the cache holds: every key and value is rounded to F16 before it is stored) and the last logits.
///
/// `InferenceSession.restore(_:)` puts it back into any session of the same model, bit-identical to processing
/// the prompt again: the samples of one prompt (a round asks n children of the same ~1,100-token prompt) all
/// continue from one evaluation.
public struct PromptState: @unchecked Sendable {
  /// Number of cached positions.
  public let positionCount: Int
  /// Logits after the last position.
  public let logits: [Float]
  /// Keys and values, `[layer][position][kvWidth]` each.
  let keys: [Float16]
  let values: [Float16]

  /// Bytes held.
  public var byteCount: Int { (keys.count + values.count) * 2 + logits.count * 4 }
}

extension InferenceSession {
  /// The state after the positions evaluated so far.
  public func snapshot() -> PromptState {
    let c = configuration
    let width = c.keyValueDimension
    let count = position * width
    func gather(_ cache: UnsafeMutablePointer<Float>) -> [Float16] {
      [Float16](unsafeUninitializedCapacity: c.blockCount * count) { buffer, initialized in
        for layer in 0..<c.blockCount {
          let source = cache + layer * maxContext * width
          for i in 0..<count { buffer[layer * count + i] = Float16(source[i]) }
        }
        initialized = c.blockCount * count
      }
    }
    return PromptState(positionCount: position, logits: logits, keys: gather(keyCache), values: gather(valueCache))
  }

  /// Replaces this session's state with `state` (taken from a session of the same model).
  public func restore(_ state: PromptState) throws {
    let c = configuration
    let width = c.keyValueDimension
    guard state.positionCount <= maxContext else {
      throw InferenceError.contextFull(needed: state.positionCount, capacity: maxContext)
    }
    let count = state.positionCount * width
    precondition(state.keys.count == c.blockCount * count, "a prompt state from another model")
    state.keys.withUnsafeBufferPointer { keys in
      state.values.withUnsafeBufferPointer { values in
        for layer in 0..<c.blockCount {
          let keyTarget = keyCache + layer * maxContext * width
          let valueTarget = valueCache + layer * maxContext * width
          for i in 0..<count {
            keyTarget[i] = Float(keys[layer * count + i])
            valueTarget[i] = Float(values[layer * count + i])
          }
        }
      }
    }
    position = state.positionCount
    logits = state.logits
  }
}
