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
  /// How many leading positional arguments are integer sizes (a layer constructor's).
  var integerArguments = 0
  /// Binary operators in the argument being written.
  var operatorsInArgument = 0
  /// The names of the parameters positional arguments fill, in order (a keyword may not repeat one of them).
  var positionalNames: [String] = []
  /// For a layer called in `forward`: the locals it takes as they are (a bare local as its argument must be one).
  var acceptedArguments: Set<String>?
  var usedKeywords: Set<String> = []
  var sawKeyword = false
  /// For a layer constructor in `__init__`: the sizes its input-size argument may take, and that argument's
  /// keyword (`in_features`, `in_channels`, ...).
  var inputSizes: Set<Int>?
  var inputSizeKeyword: String?
  /// For the linear layer that must give the class scores: its output size, and where that argument starts.
  var outputSize: Int?
  var outputArgumentStart: Int?
  /// Where the input-size argument being written starts (checked whole once a `,` or `)` ends it).
  var sizeArgumentStart: Int?
  /// Whether the call builds a module (`nn.X(...)`, a program class).
  var buildsModule = false

  /// Parameters without a default: the call must give each, by position or keyword.
  var requiredNames: [String] = []

  /// Whether every required parameter has an argument (or `*args` / `**kwargs` may supply them).
  var hasRequiredArguments: Bool {
    let given = Set(positionalNames.prefix(positionalCount)).union(usedKeywords)
    return sawStarred || requiredNames.allSatisfy(given.contains)
  }

  /// Whether a `*` or `**` argument was passed (it may fill any parameter).
  var sawStarred = false

  /// Whether a call can take one more argument: a positional one, or a keyword it has not been given yet. Other
  /// brackets always can.
  var canTakeAnotherArgument: Bool {
    guard isCall else { return true }
    if !sawKeyword, positionalLimit.map({ positionalCount < $0 }) ?? true { return true }
    return acceptsKeyword(prefix: "")
  }

  func acceptsKeyword(_ name: String) -> Bool {
    guard !usedKeywords.contains(name), !positionalNames.prefix(positionalCount).contains(name) else { return false }
    return keywords.map { $0.contains(name) } ?? true
  }

  func acceptsKeyword(prefix: String) -> Bool {
    let filled = positionalNames.prefix(positionalCount)
    return keywords.map { $0.contains { $0.hasPrefix(prefix) && !usedKeywords.contains($0) && !filled.contains($0) } }
      ?? true
  }
}
