/// A rectangle of cells: origin at the top left, sizes never negative.
public struct Rect: Sendable, Equatable, CustomStringConvertible {
  public var x: Int
  public var y: Int
  public var width: Int
  public var height: Int

  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = max(0, width)
    self.height = max(0, height)
  }

  public var maxX: Int { x + width }
  public var maxY: Int { y + height }
  public var isEmpty: Bool { width == 0 || height == 0 }
  public var description: String { "\(width)x\(height)@\(x),\(y)" }

  /// The rectangle shrunk by `amount` on every side.
  public func inset(by amount: Int) -> Rect {
    Rect(x: x + amount, y: y + amount, width: width - 2 * amount, height: height - 2 * amount)
  }

  /// The part of both rectangles.
  public func intersection(_ other: Rect) -> Rect {
    let left = max(x, other.x), top = max(y, other.y)
    let right = min(maxX, other.maxX), bottom = min(maxY, other.maxY)
    return Rect(x: left, y: top, width: right - left, height: bottom - top)
  }

  public func contains(x column: Int, y row: Int) -> Bool {
    column >= x && column < maxX && row >= y && row < maxY
  }

  /// Splits off `rows` rows at the top (clamped): the top part and the rest.
  public func splitTop(_ rows: Int) -> (top: Rect, rest: Rect) {
    let taken = min(max(0, rows), height)
    return (
      Rect(x: x, y: y, width: width, height: taken), Rect(x: x, y: y + taken, width: width, height: height - taken)
    )
  }

  /// Splits off `rows` rows at the bottom (clamped): the rest and the bottom part.
  public func splitBottom(_ rows: Int) -> (rest: Rect, bottom: Rect) {
    let taken = min(max(0, rows), height)
    return (
      Rect(x: x, y: y, width: width, height: height - taken), Rect(x: x, y: maxY - taken, width: width, height: taken)
    )
  }

  /// Splits off `columns` columns at the left (clamped).
  public func splitLeft(_ columns: Int) -> (left: Rect, rest: Rect) {
    let taken = min(max(0, columns), width)
    return (
      Rect(x: x, y: y, width: taken, height: height), Rect(x: x + taken, y: y, width: width - taken, height: height)
    )
  }

  /// Splits the width by `fraction` (0...1) for the left part.
  public func splitHorizontally(fraction: Double) -> (left: Rect, right: Rect) {
    let (left, right) = splitLeft(Int((Double(width) * fraction).rounded()))
    return (left, right)
  }

  /// Splits the height by `fraction` (0...1) for the top part.
  public func splitVertically(fraction: Double) -> (top: Rect, bottom: Rect) {
    let (top, bottom) = splitTop(Int((Double(height) * fraction).rounded()))
    return (top, bottom)
  }

  /// The single row `index` rows from the top (empty when outside).
  public func row(_ index: Int) -> Rect {
    guard index >= 0, index < height else { return Rect(x: x, y: y, width: 0, height: 0) }
    return Rect(x: x, y: y + index, width: width, height: 1)
  }
}
