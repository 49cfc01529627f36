import MemberwiseInit

/// How a style role looks: colours and attributes.
@MemberwiseInit
public struct CellStyle: Sendable, Equatable {
  public var foreground: TerminalColor = .terminalDefault
  public var background: TerminalColor = .terminalDefault
  public var bold: Bool = false
  public var dim: Bool = false
  public var underline: Bool = false
  public var reverse: Bool = false

  /// The style without colours (for `NO_COLOR` and monochrome terminals): attributes only.
  public var monochrome: CellStyle {
    CellStyle(bold: bold, dim: dim, underline: underline, reverse: reverse)
  }

  /// The style with colours reduced to the basic eight.
  public var basic: CellStyle {
    var copy = self
    copy.foreground = foreground.basic
    copy.background = background.basic
    return copy
  }
}
