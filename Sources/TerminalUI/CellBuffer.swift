/// A frame: a grid of cells that widgets draw into, clipped to its bounds; backends only copy it to the screen.
public struct CellBuffer: Sendable, Equatable {
  public let width: Int
  public let height: Int
  public private(set) var cells: [Cell]

  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    cells = Array(repeating: .blank, count: self.width * self.height)
  }

  /// The whole buffer as a rectangle.
  public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

  public subscript(x: Int, y: Int) -> Cell {
    get { cells[y * width + x] }
  }

  /// Sets one cell, keeping wide graphemes whole: overwriting either half of one blanks the other half.
  mutating func set(x: Int, y: Int, _ cell: Cell) {
    guard x >= 0, x < width, y >= 0, y < height else { return }
    let index = y * width + x
    let old = cells[index]
    if old.isContinuation, x > 0 {
      cells[index - 1] = Cell(" ", role: cells[index - 1].role)
    } else if !old.isContinuation, x + 1 < width, cells[index + 1].isContinuation {
      cells[index + 1] = Cell(" ", role: old.role)
    }
    cells[index] = cell
  }

  /// Draws `text` from (`x`, `y`) within `clip` (the whole buffer by default); returns the column after it.
  ///
  /// Control characters are dropped; a wide grapheme that would straddle the clip edge becomes a space.
  @discardableResult
  public mutating func put(_ text: some StringProtocol, x: Int, y: Int, role: StyleRole = .normal, clip: Rect? = nil)
    -> Int
  {
    let area = (clip ?? bounds).intersection(bounds)
    guard y >= area.y, y < area.maxY else { return x + DisplayWidth.of(text) }
    var column = x
    for grapheme in text {
      let columns = DisplayWidth.of(grapheme)
      if columns == 0 { continue }
      if column >= area.maxX { return x + DisplayWidth.of(text) }
      if column >= area.x {
        if columns == 2 {
          if column + 1 < area.maxX {
            set(x: column, y: y, Cell(grapheme, role: role))
            set(x: column + 1, y: y, Cell(" ", role: role, isContinuation: true))
          } else {
            set(x: column, y: y, Cell(" ", role: role))
          }
        } else {
          set(x: column, y: y, Cell(grapheme, role: role))
        }
      } else if columns == 2, column + 1 == area.x {
        // The right half of a wide grapheme cut by the left edge.
        set(x: column + 1, y: y, Cell(" ", role: role))
      }
      column += columns
    }
    return column
  }

  /// Draws one grapheme at a cell (clipped to the buffer).
  public mutating func put(_ grapheme: Character, x: Int, y: Int, role: StyleRole) {
    put(String(grapheme), x: x, y: y, role: role)
  }

  /// Fills `rect` with `grapheme` in `role`.
  public mutating func fill(_ rect: Rect, with grapheme: Character = " ", role: StyleRole = .normal) {
    let area = rect.intersection(bounds)
    guard !area.isEmpty else { return }
    for row in area.y..<area.maxY {
      for column in area.x..<area.maxX { set(x: column, y: row, Cell(grapheme, role: role)) }
    }
  }

  /// Changes the role of every cell in `rect`, keeping its text (selection highlighting).
  public mutating func restyle(_ rect: Rect, role: StyleRole) {
    let area = rect.intersection(bounds)
    guard !area.isEmpty else { return }
    for row in area.y..<area.maxY {
      for column in area.x..<area.maxX { cells[row * width + column].role = role }
    }
  }

  /// Draws a single-line box border around `rect` with an optional title in its top edge.
  public mutating func box(_ rect: Rect, title: String? = nil, role: StyleRole = .border, titleRole: StyleRole = .title)
  {
    let area = rect
    guard area.width >= 2, area.height >= 2 else { return }
    let horizontal = String(repeating: "─", count: area.width - 2)
    put("┌" + horizontal + "┐", x: area.x, y: area.y, role: role)
    put("└" + horizontal + "┘", x: area.x, y: area.maxY - 1, role: role)
    for row in (area.y + 1)..<(area.maxY - 1) {
      put("│", x: area.x, y: row, role: role)
      put("│", x: area.maxX - 1, y: row, role: role)
    }
    if let title, area.width > 4 {
      let text = DisplayWidth.truncate(" \(title) ", to: area.width - 4)
      put(text, x: area.x + 2, y: area.y, role: titleRole)
    }
  }

  /// The frame as text, one line per row, continuation cells skipped and trailing spaces trimmed (for tests).
  public var text: String {
    var lines: [String] = []
    lines.reserveCapacity(height)
    for row in 0..<height {
      var line = ""
      for column in 0..<width {
        let cell = cells[row * width + column]
        if !cell.isContinuation { line.append(cell.grapheme) }
      }
      while line.last == " " { line.removeLast() }
      lines.append(line)
    }
    return lines.joined(separator: "\n")
  }

  /// The roles of one row as letters (first letter of each role's name), for tests of styling.
  public func roles(row: Int) -> [StyleRole] {
    (0..<width).map { cells[row * width + $0].role }
  }
}
