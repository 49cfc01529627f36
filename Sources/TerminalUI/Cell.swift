/// One terminal cell: the grapheme drawn there and its style role.
///
/// A wide grapheme (CJK, most emoji) occupies two cells: the first holds it, the second is a continuation.
public struct Cell: Sendable, Equatable {
  public var grapheme: Character
  public var role: StyleRole
  /// Whether this cell is the right half of a wide grapheme drawn in the cell to its left.
  public var isContinuation: Bool

  public init(_ grapheme: Character = " ", role: StyleRole = .normal, isContinuation: Bool = false) {
    self.grapheme = grapheme
    self.role = role
    self.isContinuation = isContinuation
  }

  public static let blank = Cell()
}
