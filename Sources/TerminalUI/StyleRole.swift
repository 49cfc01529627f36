/// What a cell shows, in meaning rather than colour: a theme maps each role to colours and attributes.
public enum StyleRole: String, Sendable, CaseIterable, Hashable {
  case normal
  case header
  case border
  case title
  case selection
  case good
  case bad
  case warning
  case muted
  case accent
  case footer
  case diffAdded
  case diffRemoved
  case keyword
  case string
  case comment
  case number
  case plotBest
  case plotMedian
  case plotFront
  case overlay

  /// A stable small index (colour pair numbers start at 1).
  public var index: Int { Self.allCases.firstIndex(of: self)! }
}
