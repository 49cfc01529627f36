/// A statement node and where it starts.
public struct Statement: Sendable, Hashable {
  /// What the statement is.
  public var kind: StatementKind
  /// Where it starts in the source.
  public var location: SourceLocation

  /// Creates a statement node.
  public init(_ kind: StatementKind, at location: SourceLocation) {
    self.kind = kind
    self.location = location
  }

  /// Whether this is a bare string literal (a docstring or a string used as a comment): it does nothing.
  public var isBareString: Bool {
    if case .expression(let expression) = kind {
      switch expression.kind {
      case .string, .formattedString: return true
      default: return false
      }
    }
    return false
  }
}
