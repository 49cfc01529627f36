/// A canvas of dots drawn as braille or block characters; each cell takes the role of the last dot set in it.
public struct DotCanvas: Sendable {
  public let columns: Int
  public let rows: Int
  public let glyphs: PlotGlyphs
  private var bits: [UInt8]
  private var roles: [StyleRole?]

  public init(columns: Int, rows: Int, glyphs: PlotGlyphs) {
    self.columns = max(0, columns)
    self.rows = max(0, rows)
    self.glyphs = glyphs
    bits = Array(repeating: 0, count: self.columns * self.rows)
    roles = Array(repeating: nil, count: self.columns * self.rows)
  }

  /// The dot resolution.
  public var dotWidth: Int { columns * glyphs.dotsPerCell.columns }
  public var dotHeight: Int { rows * glyphs.dotsPerCell.rows }

  /// Sets the dot at (`x`, `y`), y growing downwards; dots outside are ignored.
  public mutating func set(x: Int, y: Int, role: StyleRole) {
    guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
    let (perColumn, perRow) = glyphs.dotsPerCell
    let cell = (y / perRow) * columns + x / perColumn
    bits[cell] |= 1 << UInt8((y % perRow) * perColumn + x % perColumn)
    roles[cell] = role
  }

  /// Draws a straight line of dots (Bresenham).
  public mutating func line(from start: (x: Int, y: Int), to end: (x: Int, y: Int), role: StyleRole) {
    var x = start.x, y = start.y
    let dx = abs(end.x - x), dy = -abs(end.y - y)
    let stepX = x < end.x ? 1 : -1, stepY = y < end.y ? 1 : -1
    var error = dx + dy
    while true {
      set(x: x, y: y, role: role)
      if x == end.x && y == end.y { break }
      let doubled = 2 * error
      if doubled >= dy {
        error += dy
        x += stepX
      }
      if doubled <= dx {
        error += dx
        y += stepY
      }
    }
  }

  /// Copies the canvas into `buffer` at `origin`; empty cells are left alone.
  public func draw(into buffer: inout CellBuffer, x originX: Int, y originY: Int) {
    for row in 0..<rows {
      for column in 0..<columns {
        let cell = row * columns + column
        guard bits[cell] != 0, let role = roles[cell] else { continue }
        buffer.put(glyphs.glyph(bits[cell]), x: originX + column, y: originY + row, role: role)
      }
    }
  }
}
