/// A dotted name imported by `import` or `from … import`, with its optional `as` alias.
public struct ImportName: Sendable, Hashable {
  /// The dotted module name (`torch.nn`) or the imported member (`Conv1d`).
  public var name: String
  /// The `as` alias, if any.
  public var alias: String?
  /// Where the name appears.
  public var location: SourceLocation

  /// Creates an imported name.
  public init(name: String, alias: String?, at location: SourceLocation) {
    self.name = name
    self.alias = alias
    self.location = location
  }
}
