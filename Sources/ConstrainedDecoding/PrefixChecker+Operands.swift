import ArchLang

/// What the names, attributes and calls of an expression are in the program written so far.
extension PrefixChecker {
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

  /// Whether the layer this `__init__` statement builds must give the class scores (it is the last statement
  /// `__init__` may have, and no layer gives them yet).
  func mustBuildClassifier(context: ExpressionContext) -> Bool {
    context.requiresModule && statementCount + 1 >= initializerStatementLimit
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
      if signature.category == .module {
        frame.integerArguments = Catalog.layerSizes[signature.name]?.integerArguments ?? 0
      }
      frame.requiredNames = normal.filter { $0.defaultValue == nil }.map(\.name)
      // The layer an `__init__` line builds (not one nested in a container, which the line check covers) must
      // take a size the layers before it give.
      if signature.category == .module, context.function == "__init__", frameDepth == 0, let hints = shapeHints {
        switch Catalog.layerSizes[signature.name]?.input {
        case .features: frame.inputSizes = hints.linearInputSizes
        case .channels: frame.inputSizes = hints.channelCounts
        case .channelsOrFeatures: frame.inputSizes = hints.channelCounts?.union(hints.linearInputSizes ?? [])
        case .sequenceFeatures: frame.inputSizes = hints.sequenceInputSizes
        case .sequenceOrFeatures: frame.inputSizes = hints.sequenceInputSizes?.union(hints.linearInputSizes ?? [])
        case nil: break
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
