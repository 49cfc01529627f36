/// An open bracket in an expression being checked: a call's argument list, a subscript, a list or parentheses.
struct ExpressionFrame {
  /// `)` or `]`.
  var closer: String
  var isCall = false
  var isSubscript = false
  /// Keyword names the call accepts; nil accepts any (`**kwargs`).
  var keywords: [String]? = []
  /// Most positional arguments the call accepts; nil for `*args`.
  var positionalLimit: Int?
  var positionalCount = 0
  var usedKeywords: Set<String> = []
  var sawKeyword = false
  /// Whether the call builds a module (`nn.X(...)`, a program class).
  var buildsModule = false

  func acceptsKeyword(_ name: String) -> Bool {
    guard !usedKeywords.contains(name) else { return false }
    return keywords.map { $0.contains(name) } ?? true
  }

  func acceptsKeyword(prefix: String) -> Bool {
    keywords.map { $0.contains { $0.hasPrefix(prefix) && !usedKeywords.contains($0) } } ?? true
  }
}
