import Foundation

/// How many colours frames use: decided from the terminal and `NO_COLOR`.
public enum ColorSupport: Sendable, Equatable {
  case none
  case basic
  case palette256

  /// The support for a terminal reporting `colors` colours, honouring `NO_COLOR` (any non-empty value).
  public static func detect(colors: Int, environment: [String: String] = ProcessInfo.processInfo.environment)
    -> ColorSupport
  {
    if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
    if colors >= 256 { return .palette256 }
    if colors >= 8 { return .basic }
    return .none
  }

  /// `style` as this terminal can show it, on a screen whose plain text looks like `normal`.
  public func adapt(_ style: CellStyle, normal: CellStyle = CellStyle()) -> CellStyle {
    switch self {
    case .none:
      // Without colour, a background of its own (headers, selection) becomes reverse video so it still stands out.
      var plain = style.monochrome
      if style.background != normal.background { plain.reverse.toggle() }
      return plain
    case .basic: return style.basic
    case .palette256: return style
    }
  }
}
