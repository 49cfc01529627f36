/// Where `PrefixChecker.checkExpression` stands in the tokens of one expression: the brackets open around the
/// token, whether an operand or an operator comes next, and what the last operand is.
struct ExpressionScan {
  /// The verdict on an expression: whether it can still become one, and whether it is one now.
  typealias Verdict = (viable: Bool, complete: Bool)
  static let invalid: Verdict = (viable: false, complete: false)
  static let prefix: Verdict = (viable: true, complete: false)

  /// What the check of one token decided.
  enum Step {
    /// On to the next token.
    case next
    /// On from `index`, which the step moved past the tokens it read.
    case moved
    /// The expression's verdict, without reading further.
    case verdict(Verdict)
  }

  let tokens: [LineToken]
  /// The expression's first token.
  let start: Int
  /// Whether the line ends right after the last token (which may still grow).
  let endsOpen: Bool
  let context: ExpressionContext
  /// The token being checked.
  var index: Int
  /// The brackets open around it, innermost last.
  var frames: [ExpressionFrame] = []
  /// Whether another bracket may open (`PrefixChecker.maximumBracketDepth`).
  var hasRoomForBracket: Bool { frames.count < PrefixChecker.maximumBracketDepth }
  var expectOperand = true
  /// Whether a closing bracket may come next.
  var allowsClose = false
  /// Whether the token begins an argument of the innermost call.
  var atArgumentStart = false
  /// What the last operand is.
  var current = ExpressionOperand.value
  /// Whether the value being read is a keyword argument that gives a layer's input size.
  var sizedValueNext = false
  /// Binary operators outside brackets.
  var topLevelOperators = 0

  init(tokens: [LineToken], start: Int, endsOpen: Bool, context: ExpressionContext) {
    self.tokens = tokens
    self.start = start
    self.endsOpen = endsOpen
    self.context = context
    index = start
  }

  var token: LineToken { tokens[index] }
  /// Whether the token is the last and may still grow.
  var isOpenLast: Bool { index == tokens.count - 1 && endsOpen }
  /// The token after this one.
  var following: LineToken? { index + 1 < tokens.count ? tokens[index + 1] : nil }
  /// Whether the token is a keyword argument's name (`name=`).
  var isKeywordName: Bool { following?.text == "=" }

  /// Counts a positional argument of the innermost call; false when the call cannot take another one.
  mutating func beginPositional() -> Bool {
    guard atArgumentStart, !frames.isEmpty else { return true }
    atArgumentStart = false
    guard !frames[frames.count - 1].sawKeyword else { return false }
    frames[frames.count - 1].positionalCount += 1
    if let limit = frames[frames.count - 1].positionalLimit, frames[frames.count - 1].positionalCount > limit {
      return false
    }
    return true
  }
}
