/// An expression node: what it is, where it starts, and how deeply nested it is.
public struct Expression: Sendable, Hashable {
  /// What the expression is.
  public var kind: ExpressionKind
  /// Where it starts in the source.
  public var location: SourceLocation
  /// The height of this subtree, so the parser can refuse trees deep enough to exhaust the stack later.
  public let depth: Int

  /// Creates a node and measures its depth from its children.
  public init(_ kind: ExpressionKind, at location: SourceLocation) {
    self.kind = kind
    self.location = location
    self.depth = 1 + (kind.children.map(\.depth).max() ?? 0)
  }
}
