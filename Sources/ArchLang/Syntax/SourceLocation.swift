import MemberwiseInit

/// A position in program text: 1-based line and 1-based column counted in Unicode scalars.
@MemberwiseInit
public struct SourceLocation: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  /// The 1-based line number.
  public var line: Int
  /// The 1-based column, in Unicode scalars from the start of the line.
  public var column: Int

  /// The location `1:1`, used for errors that concern the whole program.
  public static let start = SourceLocation(line: 1, column: 1)

  public var description: String { "\(line):\(column)" }

  public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
    (lhs.line, lhs.column) < (rhs.line, rhs.column)
  }
}
