import Foundation

/// The streamed language-model text: the newest lines at the bottom, scrolled up by `scroll` lines.
public enum LogPane {
  public static func draw(_ lines: [String], scroll: Int, into buffer: inout CellBuffer, rect: Rect) {
    guard !rect.isEmpty else { return }
    guard !lines.isEmpty else {
      buffer.put("the language model's replies stream here", x: rect.x, y: rect.y, role: .muted, clip: rect)
      return
    }
    let end = max(0, lines.count - scroll)
    let start = max(0, end - rect.height)
    for (offset, line) in lines[start..<end].enumerated() {
      let role: StyleRole = line.hasPrefix("──") ? .title : .normal
      buffer.put(line.replacingOccurrences(of: "\t", with: "    "), x: rect.x, y: rect.y + offset, role: role, clip: rect)
    }
  }
}
