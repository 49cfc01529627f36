/// The help box, generated from the key table so it always matches what the keys do.
public enum HelpOverlay {
  /// The help text lines: a heading per context, then `keys  summary`.
  public static func lines() -> [(text: String, role: StyleRole)] {
    var result: [(text: String, role: StyleRole)] = []
    let keyWidth = KeyTable.bindings.map { DisplayWidth.of($0.keyLabel) }.max() ?? 8
    for context in KeyContext.allCases {
      let bindings = KeyTable.bindings.filter { $0.context == context }
      guard !bindings.isEmpty else { continue }
      if !result.isEmpty { result.append(("", .overlay)) }
      result.append((context.title, .title))
      for binding in bindings {
        result.append(("  " + DisplayWidth.pad(binding.keyLabel, to: keyWidth) + "  " + binding.summary, .overlay))
      }
    }
    return result
  }

  public static func draw(into buffer: inout CellBuffer, area: Rect) {
    let content = lines()
    let width = min(area.width - 2, (content.map { DisplayWidth.of($0.text) }.max() ?? 20) + 4)
    let height = min(area.height - 2, content.count + 2)
    guard width >= 10, height >= 3 else { return }
    let box = Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
    buffer.fill(box, role: .overlay)
    buffer.box(box, title: "Keys (? or Esc to close)", role: .overlay, titleRole: .title)
    let inner = box.inset(by: 1)
    for (offset, line) in content.prefix(inner.height).enumerated() {
      buffer.put(" " + line.text, x: inner.x, y: inner.y + offset, role: line.role, clip: inner)
    }
  }
}
