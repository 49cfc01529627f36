/// The activation buffers of one forward pass over a batch of positions, each sized for `capacity` rows.
struct BatchBuffers {
  let capacity: Int
  let hidden: UnsafeMutablePointer<Float>
  let normed: UnsafeMutablePointer<Float>
  let queries: UnsafeMutablePointer<Float>
  let keys: UnsafeMutablePointer<Float>
  let values: UnsafeMutablePointer<Float>
  let attended: UnsafeMutablePointer<Float>
  let gates: UnsafeMutablePointer<Float>
  let ups: UnsafeMutablePointer<Float>
  let projected: UnsafeMutablePointer<Float>
  /// Inputs of a projection after llama.cpp-style activation rounding.
  let rounded: UnsafeMutablePointer<Float>
  /// Inputs of a projection quantised to 8 bits for the integer kernels.
  let quantized: QuantizedActivation

  /// Allocates buffers for `capacity` positions of a model shaped like `c`.
  init(capacity: Int, configuration c: LlamaConfiguration) {
    let queryWidth = c.headCount * c.headDimension
    let widest = max(c.embeddingLength, c.feedForwardLength, queryWidth)
    self.capacity = capacity
    hidden = .allocate(capacity: capacity * c.embeddingLength)
    normed = .allocate(capacity: capacity * widest)
    queries = .allocate(capacity: capacity * queryWidth)
    keys = .allocate(capacity: capacity * c.keyValueDimension)
    values = .allocate(capacity: capacity * c.keyValueDimension)
    attended = .allocate(capacity: capacity * queryWidth)
    gates = .allocate(capacity: capacity * c.feedForwardLength)
    ups = .allocate(capacity: capacity * c.feedForwardLength)
    projected = .allocate(capacity: capacity * widest)
    rounded = .allocate(capacity: capacity * widest)
    let blockCount = capacity * (widest / 32 + 1)
    quantized = QuantizedActivation(
      values: .allocate(capacity: capacity * widest), scales: .allocate(capacity: blockCount),
      halfSums: .allocate(capacity: blockCount), quantumSums: .allocate(capacity: blockCount))
  }

  /// Frees every buffer.
  func deallocate() {
    for buffer in [hidden, normed, queries, keys, values, attended, gates, ups, projected, rounded] {
      buffer.deallocate()
    }
    quantized.values.deallocate()
    for buffer in [quantized.scales, quantized.halfSums, quantized.quantumSums] { buffer.deallocate() }
  }
}
