/// A terminal colour: the terminal's own default, or an index into the 256-colour palette (0–7 the basic eight).
public enum TerminalColor: Sendable, Equatable, Hashable {
  case terminalDefault
  case indexed(UInt8)

  /// The basic colour names in palette order.
  public static let basicNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

  /// The nearest of the basic eight (for 8-colour terminals); `terminalDefault` stays.
  public var basic: TerminalColor {
    guard case .indexed(let index) = self else { return self }
    switch index {
    case 0..<8: return self
    case 8..<16: return .indexed(index - 8)
    default:
      let (red, green, blue) = Self.rgb(index)
      let brightest = max(red, green, blue), darkest = min(red, green, blue)
      // Greys become black or white; colours keep the channels above their midpoint (hue, not brightness).
      if brightest - darkest < 40 { return .indexed(brightest > 100 ? 7 : 0) }
      let middle = (brightest + darkest) / 2
      let bits = (red > middle ? 1 : 0) | (green > middle ? 2 : 0) | (blue > middle ? 4 : 0)
      return .indexed(UInt8(bits))
    }
  }

  /// The red, green and blue of a palette entry (xterm's values).
  public static func rgb(_ index: UInt8) -> (Int, Int, Int) {
    switch index {
    case 0..<16:
      let base = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
      ]
      let bright = [
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255),
        (255, 255, 255),
      ]
      return index < 8 ? base[Int(index)] : bright[Int(index) - 8]
    case 16..<232:
      let cube = Int(index) - 16
      let level = { (step: Int) in step == 0 ? 0 : 55 + step * 40 }
      return (level(cube / 36), level((cube / 6) % 6), level(cube % 6))
    default:
      let grey = 8 + (Int(index) - 232) * 10
      return (grey, grey, grey)
    }
  }

  /// The palette entry nearest to an RGB colour (cube or grey ramp).
  public static func nearest(red: Int, green: Int, blue: Int) -> TerminalColor {
    var best = 16, bestDistance = Int.max
    for index in 16..<256 {
      let (r, g, b) = rgb(UInt8(index))
      let distance = (r - red) * (r - red) + (g - green) * (g - green) + (b - blue) * (b - blue)
      if distance < bestDistance {
        bestDistance = distance
        best = index
      }
    }
    return .indexed(UInt8(best))
  }

  /// Parses `default`, a basic name, `bright-NAME`, a palette index 0–255 or `#rrggbb`.
  public static func parse(_ text: String) -> TerminalColor? {
    let word = text.lowercased()
    if word == "default" { return .terminalDefault }
    if let index = basicNames.firstIndex(of: word) { return .indexed(UInt8(index)) }
    if word.hasPrefix("bright-"), let index = basicNames.firstIndex(of: String(word.dropFirst(7))) {
      return .indexed(UInt8(index + 8))
    }
    if let index = Int(word), (0...255).contains(index) { return .indexed(UInt8(index)) }
    if word.hasPrefix("#"), word.count == 7, let value = Int(word.dropFirst(), radix: 16) {
      return nearest(red: (value >> 16) & 0xFF, green: (value >> 8) & 0xFF, blue: value & 0xFF)
    }
    return nil
  }
}
