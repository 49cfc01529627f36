/// The help box, generated from the key table so it always matches what the keys do: the keys of the view on
/// screen first, then the general ones, then the rest; it scrolls like less.
public enum HelpOverlay {
  /// The contexts in the order help lists them: the view's (most specific first), general, the others, help.
  static func order(_ contexts: [KeyContext]) -> [KeyContext] {
    let first = contexts.filter { $0 != .help && $0 != .global }
    let rest = KeyContext.allCases.filter { !first.contains($0) && $0 != .global && $0 != .help }
    return first + [.global] + rest + [.help]
  }

  /// The help text lines: a heading per context (the view's marked as such), then `keys  summary`.
  public static func lines(contexts: [KeyContext] = []) -> [(text: String, role: StyleRole)] {
    var result: [(text: String, role: StyleRole)] = []
    let keyWidth = KeyTable.bindings.map { DisplayWidth.of($0.keyLabel) }.max() ?? 8
    for context in order(contexts) {
      let bindings = KeyTable.bindings.filter { $0.context == context }
      guard !bindings.isEmpty else { continue }
      if !result.isEmpty { result.append(("", .overlay)) }
      result.append((context.title + (contexts.contains(context) && context != .help ? " (this view)" : ""), .title))
      for binding in bindings {
        result.append(("  " + DisplayWidth.pad(binding.keyLabel, to: keyWidth) + "  " + binding.summary, .overlay))
      }
    }
    return result
  }

  /// The box for `content` in a screen of `width` x `height`: centred, as large as the text or the screen allows.
  static func box(lineCount: Int, widest: Int, width: Int, height: Int) -> Rect {
    let boxWidth = min(width - 2, widest + 4)
    let boxHeight = min(height - 2, lineCount + 2)
    return Rect(x: (width - boxWidth) / 2, y: (height - boxHeight) / 2, width: boxWidth, height: boxHeight)
  }

  /// How far the help can scroll in a screen of `width` x `height`.
  public static func maxScroll(contexts: [KeyContext], width: Int, height: Int) -> Int {
    let content = lines(contexts: contexts)
    let widest = content.map { DisplayWidth.of($0.text) }.max() ?? 20
    return max(
      0, content.count - box(lineCount: content.count, widest: widest, width: width, height: height).height + 2)
  }

  public static func draw(contexts: [KeyContext], scroll: Int, into buffer: inout CellBuffer, area: Rect) {
    let content = lines(contexts: contexts)
    let widest = content.map { DisplayWidth.of($0.text) }.max() ?? 20
    let box = box(lineCount: content.count, widest: widest, width: area.width, height: area.height)
    guard box.width >= 10, box.height >= 3 else { return }
    let inner = box.inset(by: 1)
    let top = min(max(0, scroll), max(0, content.count - inner.height))
    let position =
      content.count > inner.height
      ? " · \(top + 1)-\(top + inner.height)/\(content.count) · j/k scroll" : ""
    buffer.fill(box, role: .overlay)
    buffer.box(box, title: "Keys\(position) · q close", role: .overlay, titleRole: .title)
    for (offset, line) in content.dropFirst(top).prefix(inner.height).enumerated() {
      buffer.put(" " + line.text, x: inner.x, y: inner.y + offset, role: line.role, clip: inner)
    }
  }
}
