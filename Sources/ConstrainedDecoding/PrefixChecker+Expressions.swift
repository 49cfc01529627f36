import ArchLang

extension PrefixChecker {
  /// Operators that join two operands.
  static let binaryOperators: Set<String> = [
    "+", "-", "*", "/", "//", "%", "**", "@", "==", "!=", "<", ">", "<=", ">=",
  ]
  /// Words that join two operands (`a if c else b`, `a and b`).
  static let binaryWords = ["and", "or", "if", "else", "is"]

  /// Checks `tokens[start...]` as one expression: whether it can still become one (`viable`) and whether it is one
  /// now (`complete`).
  func checkExpression(_ tokens: [LineToken], from start: Int, endsOpen: Bool, context: ExpressionContext)
    -> (viable: Bool, complete: Bool)
  {
    let invalid = (viable: false, complete: false)
    let prefix = (viable: true, complete: false)
    var frames: [ExpressionFrame] = []
    var expectOperand = true
    var allowsClose = false
    var atArgumentStart = false
    var current = ExpressionOperand.value
    var index = start
    let end = tokens.count

    /// Counts a positional argument of the innermost call; false when the call cannot take another one.
    func beginPositional() -> Bool {
      guard atArgumentStart, !frames.isEmpty else { return true }
      atArgumentStart = false
      guard !frames[frames.count - 1].sawKeyword else { return false }
      frames[frames.count - 1].positionalCount += 1
      if let limit = frames[frames.count - 1].positionalLimit, frames[frames.count - 1].positionalCount > limit {
        return false
      }
      return true
    }

    while index < end {
      let token = tokens[index]
      let isOpenLast = index == end - 1 && endsOpen
      if expectOperand {
        switch token.kind {
        case .name:
          let name = token.text
          if atArgumentStart, let frame = frames.last, frame.isCall {
            if index + 1 < end, tokens[index + 1].text == "=" {
              guard frame.acceptsKeyword(name) else { return invalid }
              frames[frames.count - 1].usedKeywords.insert(name)
              frames[frames.count - 1].sawKeyword = true
              atArgumentStart = false
              allowsClose = false
              index += 2
              continue
            }
            if index == end - 1 {
              // Still being written, or waiting for `=`: a keyword name or an operand.
              if isOpenLast ? frame.acceptsKeyword(prefix: name) : frame.acceptsKeyword(name) { return prefix }
              if frame.sawKeyword { return invalid }
            }
          }
          if isOpenLast && resolveName(name, context: context) == nil {
            return isOperandNamePrefix(name, context: context) ? prefix : invalid
          }
          guard beginPositional() else { return invalid }
          allowsClose = false
          if name == "not" {
            index += 1
            continue
          }
          guard let operand = resolveName(name, context: context) else { return invalid }
          if case .selfObject = operand {
            // `self` only as `self.name`: a module passed as a value can end up containing itself.
            guard index + 1 < end else { return prefix }
            guard tokens[index + 1].text == "." else { return invalid }
          }
          current = operand
          expectOperand = false
        case .number:
          guard beginPositional() else { return invalid }
          current = .value
          expectOperand = false
        case .string(let terminated):
          guard beginPositional() else { return invalid }
          if !terminated { return isOpenLast ? prefix : invalid }
          current = .value
          expectOperand = false
        case .comment:
          return invalid
        case .symbol:
          switch token.text {
          case "(", "[":
            guard beginPositional() else { return invalid }
            frames.append(ExpressionFrame(closer: token.text == "(" ? ")" : "]"))
            allowsClose = true
          case "-", "+", "~":
            // One sign per operand: chains of signs are a model stalling, not arithmetic.
            if index > start, ["-", "+", "~"].contains(tokens[index - 1].text) { return invalid }
            guard beginPositional() else { return invalid }
            allowsClose = false
          case "*", "**":
            guard !frames.isEmpty else { return invalid }
            if atArgumentStart && frames[frames.count - 1].sawKeyword && token.text == "*" { return invalid }
            atArgumentStart = false
            allowsClose = false
          case ")", "]":
            guard allowsClose, let frame = frames.popLast(), frame.closer == token.text else { return invalid }
            current = frame.buildsModule ? .moduleObject : .value
            expectOperand = false
            atArgumentStart = false
          case ":", ",":
            guard allowsClose, frames.last?.isSubscript == true else { return invalid }
          default:
            return isOpenLast && token.text == "!" ? invalid : invalid
          }
        }
      } else {
        switch token.kind {
        case .name:
          if case .moduleObject = current { return invalid }
          if isOpenLast { return Self.binaryWords.contains { $0.hasPrefix(token.text) } ? prefix : invalid }
          guard Self.binaryWords.contains(token.text) else { return invalid }
          expectOperand = true
          allowsClose = false
        case .number, .string:
          return invalid
        case .comment:
          guard frames.isEmpty else { return invalid }
          return (true, true)
        case .symbol:
          let symbol = token.text
          if symbol == "." {
            guard index + 1 < end else { return hasAttributes(current) ? prefix : invalid }
            let attribute = tokens[index + 1]
            guard attribute.kind == .name else { return invalid }
            if index + 1 == end - 1 && endsOpen && resolveAttribute(attribute.text, of: current, context: context) == nil {
              return attributeNames(of: current, context: context).contains { $0.hasPrefix(attribute.text) } ? prefix : invalid
            }
            guard let resolved = resolveAttribute(attribute.text, of: current, context: context) else { return invalid }
            current = resolved
            index += 2
            continue
          } else if symbol == "(" {
            guard let frame = callFrame(for: current) else { return invalid }
            frames.append(frame)
            expectOperand = true
            allowsClose = true
            atArgumentStart = true
          } else if symbol == "[" {
            guard case .value = current else { return invalid }
            var frame = ExpressionFrame(closer: "]")
            frame.isSubscript = true
            frames.append(frame)
            expectOperand = true
            allowsClose = true
          } else if Self.binaryOperators.contains(symbol) {
            if case .moduleObject = current { return invalid }
            expectOperand = true
            allowsClose = false
          } else if symbol == "!" {
            if case .moduleObject = current { return invalid }
            return isOpenLast ? prefix : invalid
          } else if symbol == "," {
            guard let frame = frames.last else { return invalid }
            expectOperand = true
            allowsClose = true
            atArgumentStart = frame.isCall
          } else if symbol == ")" || symbol == "]" {
            guard let frame = frames.popLast(), frame.closer == symbol else { return invalid }
            current = frame.buildsModule ? .moduleObject : .value
          } else if symbol == ":" {
            guard frames.last?.isSubscript == true else { return invalid }
            expectOperand = true
            allowsClose = true
          } else {
            return invalid
          }
        }
      }
      index += 1
    }
    return (true, frames.isEmpty && !expectOperand)
  }

  /// The argument frame for calling `operand`; nil when it cannot be called.
  func callFrame(for operand: ExpressionOperand) -> ExpressionFrame? {
    var frame = ExpressionFrame(closer: ")")
    frame.isCall = true
    switch operand {
    case .callable(let signature):
      frame.buildsModule = signature.category == .module
      frame.keywords = signature.acceptsVariadicKeywords ? nil : signature.keywordNames
      frame.positionalLimit =
        signature.acceptsVariadicPositional ? nil : signature.parameters.filter { $0.kind == .normal }.count
    case .programClass(let name):
      frame.buildsModule = true
      let parameters = initParameters[name] ?? []
      frame.keywords = parameters
      frame.positionalLimit = parameters.count
    case .value:
      frame.keywords = []
      frame.positionalLimit = nil
    default:
      return nil
    }
    return frame
  }

  /// The operand a bare name stands for; nil when it is not defined here.
  func resolveName(_ name: String, context: ExpressionContext) -> ExpressionOperand? {
    switch name {
    case "self": return .selfObject
    case "True", "False", "None": return .value
    case "nn": return imports.contains("nn") ? .nnNamespace : nil
    case "F": return imports.contains("F") ? .functionalNamespace : nil
    case "torch": return imports.contains("torch") ? .torchNamespace : nil
    case "math": return imports.contains("math") ? .mathNamespace : nil
    default: break
    }
    if locals.contains(name) { return .value }
    if classNames.contains(name), name != context.className { return .programClass(name) }
    if Self.allowedBuiltins.contains(name), let signature = catalog.builtins[name] { return .callable(signature) }
    return nil
  }

  /// Whether some defined name (or `not`) starts with `prefix`.
  func isOperandNamePrefix(_ prefix: String, context: ExpressionContext) -> Bool {
    if locals.contains(where: { $0.hasPrefix(prefix) }) { return true }
    for name in ["self", "True", "False", "None", "not", "nn", "F", "torch", "math"] where name.hasPrefix(prefix) {
      if resolveName(name, context: context) != nil || name == "not" { return true }
    }
    if classNames.contains(where: { $0.hasPrefix(prefix) && $0 != context.className }) { return true }
    return Self.allowedBuiltins.contains { $0.hasPrefix(prefix) }
  }

  /// Builtins a generated program may call.
  static let allowedBuiltins: [String] = Catalog.standard.builtins.keys.filter {
    !Catalog.forbiddenNames.contains($0) && !Catalog.unsupportedBuiltins.contains($0) && $0 != "super" && $0 != "print"
  }.sorted()

  func hasAttributes(_ operand: ExpressionOperand) -> Bool {
    switch operand {
    case .programClass, .callable, .moduleObject: return false
    default: return true
    }
  }

  /// Every attribute name `operand` has here.
  func attributeNames(of operand: ExpressionOperand, context: ExpressionContext) -> [String] {
    switch operand {
    case .nnNamespace: return Array(catalog.modules.keys)
    case .functionalNamespace: return Array(catalog.functional.keys)
    case .torchNamespace: return Array(catalog.torchFunctions.keys) + catalog.torchConstants
    case .mathNamespace: return Array(catalog.mathFunctions.keys) + Array(catalog.mathConstants.keys)
    case .selfObject: return attributes[context.className] ?? []
    case .value: return Array(catalog.tensorMethods.keys) + catalog.tensorAttributes
    case .programClass, .callable, .moduleObject: return []
    }
  }

  /// What `operand.name` is; nil when it has no such attribute.
  func resolveAttribute(_ name: String, of operand: ExpressionOperand, context: ExpressionContext) -> ExpressionOperand? {
    switch operand {
    case .nnNamespace: return catalog.modules[name].map { .callable($0) }
    case .functionalNamespace: return catalog.functional[name].map { .callable($0) }
    case .torchNamespace:
      if let signature = catalog.torchFunctions[name] { return .callable(signature) }
      if name == "nn" { return imports.contains("nn") ? .nnNamespace : nil }
      return catalog.torchConstants.contains(name) ? .value : nil
    case .mathNamespace:
      if let signature = catalog.mathFunctions[name] { return .callable(signature) }
      return catalog.mathConstants[name] != nil ? .value : nil
    case .selfObject:
      return (attributes[context.className] ?? []).contains(name) ? .value : nil
    case .value:
      if let signature = catalog.tensorMethods[name] { return .callable(signature) }
      return catalog.tensorAttributes.contains(name) ? .value : nil
    case .programClass, .callable, .moduleObject:
      return nil
    }
  }
}
