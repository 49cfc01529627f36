import ArchLang

extension PrefixChecker {
  /// Longest number literal.
  static let maximumNumberLength = 8
  /// Most binary operators in one argument of a call, or in a statement outside calls.
  static let maximumOperatorsPerArgument = 4

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

    var sizedValueNext = false
    var topLevelOperators = 0
    while index < end {
      let token = tokens[index]
      let isOpenLast = index == end - 1 && endsOpen
      if !sizeArgumentIsViable(tokens, frames: frames, index: index, end: end, endsOpen: isOpenLast) {
        return invalid
      }
      if expectOperand {
        // A layer attribute's value starts with the layer's constructor, not a list or parentheses around it.
        if context.requiresModule && index == start && token.kind != .name { return invalid }
        if let frame = frames.last, frame.outputSize != nil, frame.outputArgumentStart == nil, atArgumentStart,
          frame.positionalCount == 1, !frame.sawKeyword, !(index + 1 < end && tokens[index + 1].text == "=")
        {
          frames[frames.count - 1].outputArgumentStart = index
        }
        if let frame = frames.last, let sizes = frame.inputSizes, frame.sizeArgumentStart == nil,
          sizedValueNext || (atArgumentStart && frame.positionalCount == 0 && !frame.sawKeyword),
          !(index + 1 < end && tokens[index + 1].text == "=")
        {
          frames[frames.count - 1].sizeArgumentStart = index
        }
        if !sizeArgumentIsViable(tokens, frames: frames, index: index, end: end, endsOpen: isOpenLast) {
          return invalid
        }
        sizedValueNext = false
        switch token.kind {
        case .name:
          let name = token.text
          if atArgumentStart, let frame = frames.last, frame.isCall {
            if index + 1 < end, tokens[index + 1].text == "=" {
              guard frame.acceptsKeyword(name) else { return invalid }
              sizedValueNext = frame.inputSizes != nil && name == frame.inputSizeKeyword
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
          if context.requiresModule && index == start {
            // A layer: `nn.X(...)`, `torch.nn.X(...)` or a block class of the program.
            let builders = ["nn", "torch"] + classNames.filter { $0 != context.className }
            if isOpenLast && !builders.contains(name) {
              return builders.contains { $0.hasPrefix(name) } ? prefix : invalid
            }
            guard builders.contains(name) else { return invalid }
          }
          if isOpenLast && resolveName(name, context: context) == nil {
            return isOperandNamePrefix(name, context: context) ? prefix : invalid
          }
          // `return name` must return the class scores.
          if context.isReturn, index == start, locals.contains(name), index + 1 == end,
            let scores = shapeHints?.classScoreLocals, !scores.contains(name)
          {
            return (viable: true, complete: false)
          }
          // A layer called in `forward` on a bare local must take that local's shape.
          if atArgumentStart, let accepted = frames.last?.acceptedArguments, frames.last?.positionalCount == 0,
            !isOpenLast, locals.contains(name), index + 1 < end, tokens[index + 1].text == ")", !accepted.contains(name)
          {
            return invalid
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
          // Long literals are a small model stalling on digits, never a layer size.
          guard token.text.count <= Self.maximumNumberLength, beginPositional() else { return invalid }
          // Layer sizes in `__init__` stay below 10000.
          if context.function == "__init__", token.text.allSatisfy(\.isNumber), token.text.count > 4 { return invalid }
          // A layer's sizes are integers.
          if let frame = frames.last, frame.positionalCount <= frame.integerArguments, !frame.sawKeyword,
            !token.text.allSatisfy(\.isNumber)
          {
            return invalid
          }
          if context.requiresModule && index == start { return invalid }
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
            if atArgumentStart { frames[frames.count - 1].sawStarred = true }
            atArgumentStart = false
            allowsClose = false
          case ")", "]":
            guard allowsClose, let frame = frames.popLast(), frame.closer == token.text, frame.hasRequiredArguments
            else {
              return invalid
            }
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
          if isModuleLike(current) { return invalid }
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
            if context.isReturn, case .selfObject = current, frames.isEmpty, index == start + 1,
              let classifiers = shapeHints?.classifierModules, !classifiers.isEmpty,
              shapeHints?.moduleAttributes.contains(where: { $0.hasPrefix(attribute.text) }) == true
            {
              // `return self.layer(...)`: a layer that gives the class scores from something at hand.
              let open = index + 1 == end - 1 && endsOpen
              guard
                open
                  ? classifiers.contains(where: { $0.hasPrefix(attribute.text) }) : classifiers.contains(attribute.text)
              else { return invalid }
            }
            if case .nnNamespace = current, frames.isEmpty, mustBuildClassifier(context: context) {
              // `__init__`'s last statement, and no layer gives the class scores yet: a linear read-out must.
              guard index + 1 == end - 1 && endsOpen ? "Linear".hasPrefix(attribute.text) : attribute.text == "Linear"
              else { return invalid }
            }
            if index + 1 == end - 1 && endsOpen
              && resolveAttribute(attribute.text, of: current, context: context) == nil
            {
              return attributeNames(of: current, context: context).contains { $0.hasPrefix(attribute.text) }
                ? prefix : invalid
            }
            guard let resolved = resolveAttribute(attribute.text, of: current, context: context) else { return invalid }
            // In `forward` a layer is called where it is named (passed to a function it is not a tensor).
            if case .layer = resolved, context.function == "forward", index + 2 < end, tokens[index + 2].text != "(" {
              return invalid
            }
            current = resolved
            index += 2
            continue
          } else if symbol == "(" {
            guard let frame = callFrame(for: current, context: context, frameDepth: frames.count) else {
              return invalid
            }
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
            if isModuleLike(current) { return invalid }
            if frames.isEmpty {
              topLevelOperators += 1
              if topLevelOperators > Self.maximumOperatorsPerArgument { return invalid }
            } else {
              frames[frames.count - 1].operatorsInArgument += 1
              // A size argument is a number, a name or one product (`32 * 11`); more is a model stalling.
              let sizeFrame = frames[frames.count - 1]
              let isSize =
                sizeFrame.sizeArgumentStart != nil || sizeFrame.outputArgumentStart != nil
                || (!sizeFrame.sawKeyword && sizeFrame.positionalCount <= sizeFrame.integerArguments)
              let limit = isSize ? 1 : Self.maximumOperatorsPerArgument
              if frames[frames.count - 1].operatorsInArgument > limit { return invalid }
            }
            expectOperand = true
            allowsClose = false
          } else if symbol == "!" {
            if isModuleLike(current) { return invalid }
            return isOpenLast ? prefix : invalid
          } else if symbol == "," || symbol == ")", let frame = frames.last, let start = frame.sizeArgumentStart,
            let sizes = frame.inputSizes, !fitsInputSize(tokens[start..<index], sizes: sizes)
          {
            return invalid
          } else if symbol == "," || symbol == ")", let frame = frames.last, let start = frame.outputArgumentStart,
            let size = frame.outputSize, !fitsInputSize(tokens[start..<index], sizes: [size])
          {
            return invalid
          } else if symbol == "," {
            guard let frame = frames.last else { return invalid }
            frames[frames.count - 1].sizeArgumentStart = nil
            frames[frames.count - 1].outputArgumentStart = nil
            frames[frames.count - 1].operatorsInArgument = 0
            if frame.outputArgumentStart != nil { frames[frames.count - 1].outputSize = nil }
            expectOperand = true
            allowsClose = true
            atArgumentStart = frame.isCall
          } else if symbol == ")" || symbol == "]" {
            guard let frame = frames.popLast(), frame.closer == symbol, frame.hasRequiredArguments else {
              return invalid
            }
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
    return (true, frames.isEmpty && !expectOperand && (!context.requiresModule || isModuleLike(current)))
  }

  /// Whether the size argument being written (an input size, or the read-out's class count, in the innermost
  /// frame that has one), up to `tokens[index]`, can still become a size that fits (`SizeArgument`). The `,` or
  /// `)` that ends it is checked by `fitsInputSize`; a first name that may yet be a keyword (`in_features=`) is
  /// left to the keyword checks.
  func sizeArgumentIsViable(
    _ tokens: [LineToken], frames: [ExpressionFrame], index: Int, end: Int, endsOpen: Bool
  ) -> Bool {
    guard let frame = frames.last(where: { $0.sizeArgumentStart != nil || $0.outputArgumentStart != nil }),
      let start = frame.sizeArgumentStart ?? frame.outputArgumentStart, index >= start
    else {
      return true
    }
    let token = tokens[index]
    if index > start, token.kind == .symbol, token.text == "," || token.text == ")" { return true }
    if index == start, index == end - 1, token.kind == .name, frame.isCall,
      endsOpen ? frame.acceptsKeyword(prefix: token.text) : frame.acceptsKeyword(token.text)
    {
      return true
    }
    let sizes = frame.sizeArgumentStart != nil ? frame.inputSizes ?? [] : Set(frame.outputSize.map { [$0] } ?? [])
    return SizeArgument.isViable(
      tokens[start...index], endsOpen: endsOpen, sizes: sizes, names: shapeHints?.knownIntegers ?? [:])
  }

  /// Whether a layer constructor's input-size argument, `tokens` (complete), is a size the layers so far can feed
  /// it. A small model otherwise keeps declaring layers that no tensor fits, and every such line fails its check;
  /// an argument whose value cannot be worked out here (a call, an unknown name) is refused for the same reason.
  func fitsInputSize(_ tokens: ArraySlice<LineToken>, sizes: Set<Int>) -> Bool {
    let code = tokens.filter { $0.kind != .comment }
    guard let value = IntegerExpression.evaluate(code[...], names: shapeHints?.knownIntegers ?? [:]) else {
      return false
    }
    return sizes.contains(value)
  }

  /// How many leading positional arguments of a layer constructor are integer sizes.
  static let integerArgumentCounts: [String: Int] = [
    "Linear": 2, "Conv1d": 3, "ConvTranspose1d": 3, "GRU": 3, "LSTM": 3, "RNN": 3, "BatchNorm1d": 1,
    "InstanceNorm1d": 1, "LayerNorm": 1, "MaxPool1d": 2, "AvgPool1d": 2, "AdaptiveAvgPool1d": 1, "AdaptiveMaxPool1d": 1,
    "Embedding": 2, "GroupNorm": 2,
  ]

  /// Whether the layer this `__init__` statement builds must give the class scores (it is the last statement
  /// `__init__` may have, and no layer gives them yet).
  func mustBuildClassifier(context: ExpressionContext) -> Bool {
    context.requiresModule && statementCount + 1 >= Self.maximumInitializerStatements
      && shapeHints?.reachesClassScores == false
  }

  /// Whether `operand` is a module (built here or held by the model): callable, never an arithmetic operand.
  func isModuleLike(_ operand: ExpressionOperand) -> Bool {
    switch operand {
    case .moduleObject, .layer: return true
    default: return false
    }
  }

  /// The argument frame for calling `operand`; nil when it cannot be called.
  func callFrame(for operand: ExpressionOperand, context: ExpressionContext, frameDepth: Int) -> ExpressionFrame? {
    var frame = ExpressionFrame(closer: ")")
    frame.isCall = true
    switch operand {
    case .callable(let signature):
      frame.buildsModule = signature.category == .module
      frame.keywords = signature.acceptsVariadicKeywords ? nil : signature.keywordNames
      let normal = signature.parameters.filter { $0.kind == .normal }
      frame.positionalLimit = signature.acceptsVariadicPositional ? nil : normal.count
      frame.positionalNames = normal.map(\.name)
      if signature.category == .module { frame.integerArguments = Self.integerArgumentCounts[signature.name] ?? 0 }
      frame.requiredNames = normal.filter { $0.defaultValue == nil }.map(\.name)
      // The layer an `__init__` line builds (not one nested in a container, which the line check covers) must
      // take a size the layers before it give.
      if signature.category == .module, context.function == "__init__", frameDepth == 0, let hints = shapeHints {
        switch signature.name {
        case "Linear": frame.inputSizes = hints.linearInputSizes
        case "Conv1d", "ConvTranspose1d", "InstanceNorm1d": frame.inputSizes = hints.channelCounts
        case "BatchNorm1d": frame.inputSizes = hints.channelCounts?.union(hints.linearInputSizes ?? [])
        case "GRU", "LSTM", "RNN": frame.inputSizes = hints.sequenceInputSizes
        case "LayerNorm": frame.inputSizes = hints.sequenceInputSizes?.union(hints.linearInputSizes ?? [])
        default: break
        }
        if frame.inputSizes != nil { frame.inputSizeKeyword = normal.first?.name }
        // `__init__`'s last statement must make the class scores reachable: a linear layer there gives them.
        if signature.name == "Linear", mustBuildClassifier(context: context) {
          frame.outputSize = hints.classCount
        }
      }
    case .layer(let name):
      // A layer takes its input (and a recurrent layer its initial state); keyword calls are not the seeds' style.
      frame.keywords = []
      frame.positionalLimit = shapeHints?.recurrentModules.contains(name) == true ? 2 : 1
      if context.function == "forward" { frame.acceptedArguments = shapeHints?.acceptedLocals[name] }
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
    // In `__init__` no attribute of `self` may be read (see `resolveAttribute`): `self.` there is a dead end.
    case "self": return context.function == "__init__" ? nil : .selfObject
    case "True", "False", "None": return .value
    case "nn": return imports.contains("nn") ? .nnNamespace : nil
    case "F": return imports.contains("F") ? .functionalNamespace : nil
    case "torch": return imports.contains("torch") ? .torchNamespace : nil
    case "math": return imports.contains("math") ? .mathNamespace : nil
    default: break
    }
    if locals.contains(name) { return .value }
    if classNames.contains(name), name != context.className, context.function != "forward" {
      return .programClass(name)
    }
    if Self.allowedBuiltins.contains(name), let signature = catalog.builtins[name] { return .callable(signature) }
    return nil
  }

  /// Whether some defined name (or `not`) starts with `prefix`.
  func isOperandNamePrefix(_ prefix: String, context: ExpressionContext) -> Bool {
    if locals.contains(where: { $0.hasPrefix(prefix) && resolveName($0, context: context) != nil }) { return true }
    for name in ["self", "True", "False", "None", "not", "nn", "F", "torch", "math"] where name.hasPrefix(prefix) {
      if resolveName(name, context: context) != nil || name == "not" { return true }
    }
    if context.function != "forward", classNames.contains(where: { $0.hasPrefix(prefix) && $0 != context.className }) {
      return true
    }
    return Self.allowedBuiltins.contains { $0.hasPrefix(prefix) }
  }

  /// Builtins a generated program may call.
  static let allowedBuiltins: [String] = Catalog.standard.builtins.keys.filter {
    !Catalog.forbiddenNames.contains($0) && !Catalog.unsupportedBuiltins.contains($0) && $0 != "super" && $0 != "print"
  }.sorted()

  func hasAttributes(_ operand: ExpressionOperand) -> Bool {
    switch operand {
    case .programClass, .callable, .moduleObject, .layer: return false
    default: return true
    }
  }

  /// Every attribute name `operand` has here.
  func attributeNames(of operand: ExpressionOperand, context: ExpressionContext) -> [String] {
    switch operand {
    case .nnNamespace: return context.function == "forward" ? [] : Array(catalog.modules.keys)
    case .functionalNamespace: return Array(catalog.functional.keys)
    case .torchNamespace: return Array(catalog.torchFunctions.keys) + catalog.torchConstants
    case .mathNamespace: return Array(catalog.mathFunctions.keys) + Array(catalog.mathConstants.keys)
    case .selfObject:
      guard context.function != "__init__" else { return [] }
      return (attributes[context.className] ?? []).filter { isUsableAttribute($0, context: context) }
    case .value: return Array(catalog.tensorMethods.keys) + catalog.tensorAttributes
    case .programClass, .callable, .moduleObject, .layer: return []
    }
  }

  /// What `operand.name` is; nil when it has no such attribute.
  func resolveAttribute(_ name: String, of operand: ExpressionOperand, context: ExpressionContext) -> ExpressionOperand?
  {
    switch operand {
    case .nnNamespace:
      // A layer built in `forward` is new, untrained and unregistered at every call: layers belong in `__init__`.
      guard context.function != "forward" else { return nil }
      return catalog.modules[name].map { .callable($0) }
    case .functionalNamespace: return catalog.functional[name].map { .callable($0) }
    case .torchNamespace:
      if let signature = catalog.torchFunctions[name] { return .callable(signature) }
      if name == "nn" { return imports.contains("nn") ? .nnNamespace : nil }
      return catalog.torchConstants.contains(name) ? .value : nil
    case .mathNamespace:
      if let signature = catalog.mathFunctions[name] { return .callable(signature) }
      return catalog.mathConstants[name] != nil ? .value : nil
    case .selfObject:
      // In `__init__` the attributes are being built; using one there (calling a layer to size the next) is where a
      // small model loops.
      guard context.function != "__init__", (attributes[context.className] ?? []).contains(name),
        isUsableAttribute(name, context: context)
      else {
        return nil
      }
      return shapeHints?.moduleAttributes.contains(name) == true ? .layer(name) : .value
    case .value:
      if let signature = catalog.tensorMethods[name] { return .callable(signature) }
      return catalog.tensorAttributes.contains(name) ? .value : nil
    case .programClass, .callable, .moduleObject, .layer:
      return nil
    }
  }

  /// Whether `self.name` may be used here: in `forward`, a layer only when it takes some tensor at hand.
  func isUsableAttribute(_ name: String, context: ExpressionContext) -> Bool {
    guard context.function == "forward", let hints = shapeHints, hints.moduleAttributes.contains(name),
      let callable = hints.callableModules
    else { return true }
    return callable.contains(name)
  }
}
