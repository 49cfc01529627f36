import CBLAS
import Foundation

/// The mutable state of one sequence being run through a `LlamaModel`: the KV cache and preallocated buffers.
///
/// Like llama2.c's run state, every buffer is allocated once (batch buffers grow to the largest batch seen), so
/// decoding allocates nothing per token. Not thread-safe: one session per sequence, used from one task at a time.
public final class InferenceSession {
  /// The network this session runs.
  public let model: LlamaModel
  /// Largest number of positions the KV cache holds.
  public let maxContext: Int
  /// Number of positions already in the KV cache (the position of the next input).
  public internal(set) var position = 0
  /// Logits of the last evaluated position (vocabulary size).
  public internal(set) var logits: [Float]
  /// When set, forward passes add their time to it.
  public var profile: ForwardProfile?
  /// Batches of at least this many positions multiply float (F32/F16/BF16) weights with `cblas_sgemm`.
  public var batchMatrixThreshold = 4

  let configuration: LlamaConfiguration
  let keyCache: UnsafeMutablePointer<Float>
  let valueCache: UnsafeMutablePointer<Float>
  /// `base^(-2/n)`: each rotation pair's angle is the previous one's times this.
  let ropeThetaScale: Float
  let scores: UnsafeMutablePointer<Float>
  private(set) var batchBuffers: BatchBuffers
  private var dequantized: UnsafeMutablePointer<Float>
  private var dequantizedCapacity = 0

  /// Creates a session with room for `maxContext` positions (default: the model's context, at most 2048).
  public init(model: LlamaModel, maxContext: Int? = nil) {
    self.model = model
    configuration = model.configuration
    let context = maxContext ?? min(configuration.contextLength, 2048)
    self.maxContext = context
    let cacheCount = configuration.blockCount * context * configuration.keyValueDimension
    keyCache = .allocate(capacity: cacheCount)
    valueCache = .allocate(capacity: cacheCount)
    logits = [Float](repeating: 0, count: configuration.vocabularySize)
    ropeThetaScale = powf(configuration.ropeFrequencyBase, -2 / Float(configuration.ropeDimensionCount))
    scores = .allocate(capacity: context * configuration.headCount)
    batchBuffers = BatchBuffers(capacity: 1, configuration: configuration)
    dequantized = .allocate(capacity: 1)
  }

  deinit {
    for buffer in [keyCache, valueCache, scores, dequantized] { buffer.deallocate() }
    batchBuffers.deallocate()
  }

  /// Forgets every position after the first `count` (e.g. to reuse a shared prompt prefix).
  public func truncate(to count: Int) {
    position = min(position, max(0, count))
  }

  /// Empties the KV cache.
  public func reset() { position = 0 }

  /// Grows the batch buffers to hold `count` positions.
  func reserveBatchCapacity(_ count: Int) {
    guard count > batchBuffers.capacity else { return }
    batchBuffers.deallocate()
    batchBuffers = BatchBuffers(capacity: count, configuration: configuration)
  }

  /// A scratch buffer of at least `count` floats for dequantised weights.
  func dequantizationScratch(_ count: Int) -> UnsafeMutablePointer<Float> {
    if count > dequantizedCapacity {
      dequantized.deallocate()
      dequantized = .allocate(capacity: count)
      dequantizedCapacity = count
    }
    return dequantized
  }
}
