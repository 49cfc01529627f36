/// Places labels on one row without letting them touch: a label that would collide with one already placed is
/// left out, so callers place the labels that matter most first.
struct LabelRow {
  let area: Rect
  private var taken: [Range<Int>] = []

  init(_ area: Rect) { self.area = area }

  /// Places `text` starting at `x` if it fits inside the area with a free column on each side; returns whether
  /// it was placed.
  @discardableResult
  mutating func place(_ text: String, x: Int, role: StyleRole, into buffer: inout CellBuffer) -> Bool {
    let width = DisplayWidth.of(text)
    guard width > 0, x >= area.x, x + width <= area.maxX else { return false }
    let padded = (x - 1)..<(x + width + 1)
    guard !taken.contains(where: { $0.overlaps(padded) }) else { return false }
    taken.append(x..<(x + width))
    buffer.put(text, x: x, y: area.y, role: role, clip: area)
    return true
  }

  /// Places `text` centred on `center`, shifted to stay inside the area.
  @discardableResult
  mutating func place(_ text: String, centeredOn center: Int, role: StyleRole, into buffer: inout CellBuffer) -> Bool {
    let width = DisplayWidth.of(text)
    let x = min(max(area.x, center - width / 2), area.maxX - width)
    return place(text, x: x, role: role, into: &buffer)
  }
}
