/// One row of the key table: keys, the command they run, where, and the help text.
public struct KeyBinding: Sendable {
  public var keys: [KeyEvent]
  public var command: UICommand
  public var context: KeyContext
  public var summary: String
  /// Whether the footer hint line shows it.
  public var inFooter: Bool

  public init(_ keys: [KeyEvent], _ command: UICommand, _ context: KeyContext, _ summary: String, footer: Bool = false) {
    self.keys = keys
    self.command = command
    self.context = context
    self.summary = summary
    inFooter = footer
  }

  /// The keys as help writes them (`j/↓`).
  public var keyLabel: String { keys.map(\.description).joined(separator: "/") }
}
