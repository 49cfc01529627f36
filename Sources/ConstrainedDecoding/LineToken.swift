/// One lexical token of a single source line, as the prefix checker sees it.
struct LineToken: Equatable {
  /// What the token is.
  enum Kind: Equatable {
    case name
    case number
    /// A quoted string; `terminated` is false when the line ends inside it.
    case string(terminated: Bool)
    case symbol
    case comment
  }

  var kind: Kind
  var text: String
}
