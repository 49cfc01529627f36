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
  /// Inputs of a projection, rounded or quantised for its weight type.
  let inputs: ProjectionInputs

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
    inputs = ProjectionInputs(capacity: capacity, width: widest)
  }

  /// Frees every buffer.
  func deallocate() {
    for buffer in [hidden, normed, queries, keys, values, attended, gates, ups, projected] { buffer.deallocate() }
    inputs.deallocate()
  }
}
