/// One row of the key table: keys, the command they run, where, and the help text.
public struct KeyBinding: Sendable {
  public var keys: [KeyEvent]
  public var command: UICommand
  public var context: KeyContext
  public var summary: String
  /// The footer's short label when the footer shows the binding (in its context), else nil.
  public var footerLabel: String?
  /// The footer's spelling of the keys when it differs from help's (`↑↓/jk`).
  public var footerKeys: String?

  public init(
    _ keys: [KeyEvent], _ command: UICommand, _ context: KeyContext, _ summary: String, footer: String? = nil,
    footerKeys: String? = nil
  ) {
    self.keys = keys
    self.command = command
    self.context = context
    self.summary = summary
    footerLabel = footer
    self.footerKeys = footerKeys
  }

  /// The keys as help writes them (`j/↓`).
  public var keyLabel: String { keys.map(\.description).joined(separator: "/") }
}
