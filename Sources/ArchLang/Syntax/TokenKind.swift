/// What a token is; literals carry their decoded values.
public enum TokenKind: Sendable, Hashable {
  /// An identifier or keyword (`self`, `def`, `nn`).
  case name(String)
  /// An integer literal, decoded (`0x10` is 16).
  case integer(Int)
  /// A floating-point literal, decoded.
  case float(Double)
  /// A string literal with escapes decoded.
  case string(String)
  /// An f-string: the raw text between the quotes, parsed into parts by the parser.
  case formattedString(raw: String, isRaw: Bool, bodyStart: SourceLocation)
  /// An operator or delimiter (`+`, `**=`, `(`, `->`).
  case op(String)
  /// The end of a logical line.
  case newline
  /// The start of a more deeply indented block.
  case indent
  /// The end of an indented block.
  case dedent
  /// The end of the program.
  case endOfInput
}
