import Foundation

/// Where decoding time goes, accumulated while a session's `profile` is set (`lm generate --profile`): the
/// transformer blocks, the vocabulary-sized output projection (with the final norm), and choosing tokens from the
/// logits (logits processors and the sampler).
public final class ForwardProfile: @unchecked Sendable {
  /// Seconds in the transformer blocks.
  public internal(set) var blockSeconds = 0.0
  /// The part of `blockSeconds` spent in attention (the rest is projections, norms and activations).
  public internal(set) var attentionSeconds = 0.0
  /// Seconds in the final norm and the output projection.
  public internal(set) var outputSeconds = 0.0
  /// Seconds choosing tokens (generation only).
  public internal(set) var samplingSeconds = 0.0

  public init() {}

  /// Runs `body`, adding its duration to the counter at `keyPath`.
  @inline(__always)
  func time<T>(_ keyPath: ReferenceWritableKeyPath<ForwardProfile, Double>, _ body: () throws -> T) rethrows -> T {
    let start = DispatchTime.now().uptimeNanoseconds
    defer { self[keyPath: keyPath] += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
    return try body()
  }

  /// Forgets everything measured so far.
  public func reset() {
    blockSeconds = 0
    attentionSeconds = 0
    outputSeconds = 0
    samplingSeconds = 0
  }
}
