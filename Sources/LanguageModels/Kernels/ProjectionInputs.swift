/// Buffers holding up to `capacity` input rows of a projection, prepared for a weight type: rounded floats, Q8_0
/// blocks or Q8_K super-blocks (`ActivationFormat`). Owned by an inference session's batch buffers; not shared.
struct ProjectionInputs {
  let capacity: Int
  let width: Int
  let rounded: UnsafeMutablePointer<Float>
  let blocks: QuantizedActivation
  let superBlocks: SuperBlockActivation

  /// Room for `capacity` rows of up to `width` values (any width: block buffers are padded to whole blocks).
  init(capacity: Int, width: Int) {
    self.capacity = capacity
    self.width = width
    let padded = (width + 255) / 256 * 256
    rounded = .allocate(capacity: capacity * width)
    let blockCount = capacity * padded / 32
    blocks = QuantizedActivation(
      values: .allocate(capacity: capacity * padded), scales: .allocate(capacity: blockCount),
      halfSums: .allocate(capacity: blockCount), quantumSums: .allocate(capacity: blockCount))
    superBlocks = SuperBlockActivation.allocate(count: capacity * padded)
  }

  func deallocate() {
    rounded.deallocate()
    blocks.values.deallocate()
    for buffer in [blocks.scales, blocks.halfSums, blocks.quantumSums] { buffer.deallocate() }
    superBlocks.deallocate()
  }

  /// Prepares `rows` rows of `columns` values from `input` for products with weights of `type`.
  func prepare(for type: GGMLType, from input: UnsafePointer<Float>, rows: Int, columns: Int) {
    for r in 0..<rows {
      let source = input + r * columns
      switch type.traits.activation {
      case .floats:
        ActivationRounding.round(for: type, source, count: columns, rounded: rounded + r * columns)
      case .blocks:
        blocks.row(r, blocks: columns / 32).fill(from: source, count: columns)
      case .superBlocks:
        superBlocks.row(r, count: columns).fill(from: source, count: columns)
      }
    }
  }

  /// Row `r` as prepared by the last `prepare` with `columns` values per row.
  func input(row r: Int, columns: Int) -> ProjectionInput {
    ProjectionInput(
      floats: rounded + r * columns, blocks: blocks.row(r, blocks: columns / 32),
      superBlocks: superBlocks.row(r, count: columns))
  }
}
