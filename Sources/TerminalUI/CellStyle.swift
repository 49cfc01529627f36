/// How a style role looks: colours and attributes.
public struct CellStyle: Sendable, Equatable {
  public var foreground: TerminalColor
  public var background: TerminalColor
  public var bold: Bool
  public var dim: Bool
  public var underline: Bool
  public var reverse: Bool

  public init(
    foreground: TerminalColor = .terminalDefault, background: TerminalColor = .terminalDefault, bold: Bool = false,
    dim: Bool = false, underline: Bool = false, reverse: Bool = false
  ) {
    self.foreground = foreground
    self.background = background
    self.bold = bold
    self.dim = dim
    self.underline = underline
    self.reverse = reverse
  }

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
