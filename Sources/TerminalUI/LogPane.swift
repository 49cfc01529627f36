import Foundation

/// The streamed language-model text: the newest lines at the bottom, scrolled up by `scroll` lines and right by
/// `column` columns.
public enum LogPane {
  public static func draw(_ lines: [String], scroll: Int, column: Int = 0, into buffer: inout CellBuffer, rect: Rect) {
    guard !rect.isEmpty else { return }
    guard !lines.isEmpty else {
      buffer.put("the language model's replies stream here", x: rect.x, y: rect.y, role: .muted, clip: rect)
      return
    }
    // The oldest line stops at the top: scrolling further would only show blank rows.
    let limit = max(0, lines.count - rect.height)
    let end = lines.count - min(max(0, scroll), limit)
    let start = max(0, end - rect.height)
    for (offset, line) in lines[start..<end].enumerated() {
      let role: StyleRole = line.hasPrefix("──") ? .title : .normal
      let row = rect.row(offset)
      buffer.put(line.replacingTabs, x: row.x - column, y: row.y, role: role, clip: row)
    }
  }
}
