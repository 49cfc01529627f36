/// The built-in program editor (used when neither `$VISUAL` nor `$EDITOR` is set): lines, a cursor, and what
/// the edit is for.
public struct TextEditorState: Sendable, Equatable {
  /// Whether the edit answers a review (`e`) or creates a hand-edited candidate (`E`).
  public enum Purpose: Sendable, Equatable {
    case review, handEdit
  }

  /// What a key did to the editor.
  public enum Outcome: Sendable, Equatable {
    case editing
    case saved(String)
    case cancelled
  }

  public var candidateID: String
  public var purpose: Purpose
  public private(set) var lines: [String]
  /// The cursor: a line index and a character index within it.
  public private(set) var row = 0
  public private(set) var column = 0
  private let endsWithNewline: Bool

  public init(candidateID: String, purpose: Purpose, text: String) {
    self.candidateID = candidateID
    self.purpose = purpose
    endsWithNewline = text.hasSuffix("\n")
    let split = LineDiff.lines(text)
    lines = split.isEmpty ? [""] : split
  }

  /// The edited text (keeping whether the original ended with a newline).
  public var text: String { lines.joined(separator: "\n") + (endsWithNewline ? "\n" : "") }

  /// Applies one key: Ctrl-S saves, Esc cancels, everything else edits or moves.
  public mutating func handle(_ key: KeyEvent) -> Outcome {
    switch key {
    case .control("s"): return .saved(text)
    case .escape: return .cancelled
    case .up: moveVertically(by: -1)
    case .down: moveVertically(by: 1)
    case .pageUp: moveVertically(by: -20)
    case .pageDown: moveVertically(by: 20)
    case .left:
      if column > 0 {
        column -= 1
      } else if row > 0 {
        row -= 1
        column = lines[row].count
      }
    case .right:
      if column < lines[row].count {
        column += 1
      } else if row < lines.count - 1 {
        row += 1
        column = 0
      }
    case .home, .control("a"): column = 0
    case .end, .control("e"): column = lines[row].count
    case .enter:
      let line = Array(lines[row])
      // The new line keeps the indentation of the one it was split from.
      let indent = String(line.prefix { $0 == " " })
      lines[row] = String(line[..<column])
      lines.insert(indent + String(line[column...]), at: row + 1)
      row += 1
      column = indent.count
    case .backspace:
      if column > 0 {
        var line = Array(lines[row])
        line.remove(at: column - 1)
        lines[row] = String(line)
        column -= 1
      } else if row > 0 {
        column = lines[row - 1].count
        lines[row - 1] += lines[row]
        lines.remove(at: row)
        row -= 1
      }
    case .tab: insert("    ")
    case .character(let character): insert(String(character))
    default: break
    }
    return .editing
  }

  private mutating func insert(_ text: String) {
    var line = Array(lines[row])
    line.insert(contentsOf: text, at: column)
    lines[row] = String(line)
    column += text.count
  }

  private mutating func moveVertically(by delta: Int) {
    row = min(max(0, row + delta), lines.count - 1)
    column = min(column, lines[row].count)
  }
}
