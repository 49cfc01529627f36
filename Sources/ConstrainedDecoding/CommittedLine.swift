/// One complete line the prefix checker accepted, with what it means for the program being written.
public struct CommittedLine: Sendable, Equatable {
  /// The statement form of the line.
  public enum Kind: Sendable, Equatable {
    case blank, comment, docstring, importStatement, classHeader, functionHeader, superInit, assignment, returnStatement
  }

  /// The statement form.
  public var kind: Kind
  /// The line as written (no newline).
  public var text: String
  /// Leading spaces.
  public var indent: Int
  /// The class the line belongs to (or defines).
  public var className: String?
  /// The method the line belongs to (or defines).
  public var functionName: String?
  /// Names the line assigns: locals as written, attributes as `self.name`.
  public var targets: [String]
  /// Zero-based line number among the generated lines.
  public var lineNumber: Int
  /// The code without spacing or comment, which a ban refers to.
  public var codeKey: String
}
