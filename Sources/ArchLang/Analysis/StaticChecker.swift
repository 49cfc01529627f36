/// Checks a parsed program against the supported subset before anything runs: imports, forbidden names, dunder
/// attributes, unknown `torch`/`nn`/`F`/`math` names, and keyword arguments of catalog calls.
public struct StaticChecker {
  private let catalog: Catalog
  /// Local name → fully qualified name (`nn` → `torch.nn`, `Conv1d` → `torch.nn.Conv1d`).
  private var aliases: [String: String] = [:]
  /// Every name the program binds anywhere, so a user's own `len` or `range` is not checked as the builtin.
  private var boundNames: Set<String> = []
  /// Names of classes the program defines.
  private var classNames: Set<String> = []
  private var errors: [ArchLangError] = []

  private init(catalog: Catalog) {
    self.catalog = catalog
  }

  /// All problems found, in source order (empty when the program is acceptable).
  public static func check(_ program: Program, catalog: Catalog = .standard) -> [ArchLangError] {
    var checker = StaticChecker(catalog: catalog)
    checker.collectBindings(program.statements)
    checker.visit(program.statements)
    return checker.errors.sorted { $0.location < $1.location }
  }

  /// The module-level import aliases a program sets up (`nn` → `torch.nn`), ignoring imports that are not allowed.
  public static func importAliases(of program: Program) -> [String: String] {
    var checker = StaticChecker(catalog: .standard)
    checker.collectBindings(program.statements)
    return checker.aliases
  }

  private mutating func report(_ kind: ArchLangError.Kind, _ message: String, at location: SourceLocation) {
    errors.append(ArchLangError(kind, message, at: location))
  }

  // MARK: Bindings

  private mutating func collectBindings(_ statements: [Statement]) {
    for statement in statements {
      switch statement.kind {
      case .importModules(let names):
        for name in names where Catalog.importableModules.contains(name.name) {
          if let alias = name.alias {
            aliases[alias] = name.name
          } else {
            let root = String(name.name.split(separator: ".").first ?? "")
            aliases[root] = root
          }
        }
      case .importFrom(let module, let names):
        for name in names {
          let qualified = module + "." + name.name
          if Catalog.importableModules.contains(module) || Catalog.importableModules.contains(qualified) {
            aliases[name.alias ?? name.name] = qualified
          }
        }
      case .assign(let targets, _):
        targets.forEach { collectTargetNames($0) }
      case .augmentedAssign(let target, _, _), .annotatedAssign(let target, _, _):
        collectTargetNames(target)
      case .forLoop(let target, _, let body, let orElse):
        collectTargetNames(target)
        collectBindings(body)
        collectBindings(orElse)
      case .whileLoop(_, let body, let orElse):
        collectBindings(body)
        collectBindings(orElse)
      case .ifStatement(let branches, let orElse):
        branches.forEach { collectBindings($0.body) }
        collectBindings(orElse)
      case .functionDefinition(let function):
        boundNames.insert(function.name)
        function.parameters.forEach { boundNames.insert($0.name) }
        collectBindings(function.body)
      case .classDefinition(let definition):
        boundNames.insert(definition.name)
        classNames.insert(definition.name)
        collectBindings(definition.body)
      default:
        break
      }
    }
  }

  private mutating func collectTargetNames(_ target: Expression) {
    switch target.kind {
    case .name(let name): boundNames.insert(name)
    case .tuple(let elements), .list(let elements): elements.forEach { collectTargetNames($0) }
    case .starred(let inner): collectTargetNames(inner)
    default: break
    }
  }

  // MARK: Statements

  private mutating func visit(_ statements: [Statement]) {
    for statement in statements { visit(statement) }
  }

  private mutating func visit(_ statement: Statement) {
    switch statement.kind {
    case .expression(let value):
      visit(value)
    case .assign(let targets, let value):
      targets.forEach { visit($0) }
      visit(value)
    case .augmentedAssign(let target, _, let value):
      visit(target)
      visit(value)
    case .annotatedAssign(let target, _, let value):
      visit(target)
      if let value { visit(value) }
    case .ifStatement(let branches, let orElse):
      for branch in branches {
        visit(branch.test)
        visit(branch.body)
      }
      visit(orElse)
    case .forLoop(let target, let iterable, let body, let orElse):
      visit(target)
      visit(iterable)
      visit(body)
      visit(orElse)
    case .whileLoop(let test, let body, let orElse):
      visit(test)
      visit(body)
      visit(orElse)
    case .functionDefinition(let function):
      checkBindingName(function.name, at: function.location)
      for parameter in function.parameters {
        checkBindingName(parameter.name, at: parameter.location)
        if let value = parameter.defaultValue { visit(value) }
      }
      visit(function.body)
    case .classDefinition(let definition):
      checkBindingName(definition.name, at: definition.location)
      for base in definition.bases { checkBase(base, of: definition.name) }
      visit(definition.body)
    case .returnStatement(let value):
      if let value { visit(value) }
    case .assertStatement(let test, let message):
      visit(test)
      if let message { visit(message) }
    case .pass, .breakStatement, .continueStatement:
      break
    case .importModules(let names):
      for name in names where !Catalog.importableModules.contains(name.name) {
        report(
          .unsupported,
          "`import \(name.name)` is not allowed; programs may import only: \(Catalog.importableModules.filter { !$0.hasPrefix("_") }.joined(separator: ", "))",
          at: name.location)
      }
    case .importFrom(let module, let names):
      guard Catalog.importableModules.contains(module) else {
        report(
          .unsupported,
          "`from \(module) import ...` is not allowed; programs may import only from: \(Catalog.importableModules.filter { !$0.hasPrefix("_") }.joined(separator: ", "))",
          at: statement.location)
        return
      }
      for name in names {
        let qualified = module + "." + name.name
        if !catalog.isKnown(qualifiedName: qualified) {
          report(
            .unsupported,
            catalog.unknownNameMessage(qualifiedName: qualified, written: "from \(module) import \(name.name)"),
            at: name.location)
        }
      }
    }
  }

  private mutating func checkBindingName(_ name: String, at location: SourceLocation) {
    if name.hasPrefix("__") && name.hasSuffix("__") && name.count > 4 && !Catalog.allowedDunderAttributes.contains(name)
    {
      report(.unsupported, "the name `\(name)` is not allowed: dunder names are reserved", at: location)
    }
  }

  private mutating func checkBase(_ base: Expression, of className: String) {
    if case .name(let name) = base.kind, classNames.contains(name) || name == "object" { return }
    if resolve(base) == "torch.nn.Module" { return }
    report(
      .unsupported,
      "class \(className) may only subclass nn.Module or a class defined in the program",
      at: base.location)
  }

  // MARK: Expressions

  /// The fully qualified name an expression refers to when it is an import alias or an attribute chain on one.
  private func resolve(_ value: Expression) -> String? {
    switch value.kind {
    case .name(let name):
      return aliases[name]
    case .attribute(let base, let name):
      return resolve(base).map { $0 + "." + name }
    default:
      return nil
    }
  }

  private mutating func visit(_ value: Expression) {
    switch value.kind {
    case .name(let name):
      if Catalog.forbiddenNames.contains(name) {
        report(
          .unsupported,
          "`\(name)` is not allowed: candidate programs have no file, network, process or interpreter access",
          at: value.location)
      } else if Catalog.unsupportedBuiltins.contains(name) && !boundNames.contains(name) && aliases[name] == nil {
        report(.unsupported, catalog.unsupportedBuiltinMessage(name), at: value.location)
      } else if name.hasPrefix("__") && name.hasSuffix("__") && name != "__name__" {
        report(.unsupported, "the name `\(name)` is not allowed: dunder names are off limits", at: value.location)
      }
    case .attribute(let base, let name):
      if name.hasPrefix("__") && name.hasSuffix("__") && !Catalog.allowedDunderAttributes.contains(name) {
        report(
          .unsupported, "the attribute `\(name)` is not allowed: dunder attributes are off limits", at: value.location)
        return
      }
      if let qualified = resolve(value), isCheckedNamespace(qualified) {
        if name == "__init__" {
          visit(base)
        } else if !catalog.isKnown(qualifiedName: qualified) {
          report(
            .unsupported,
            catalog.unknownNameMessage(qualifiedName: qualified, written: PrettyPrinter().expression(value)),
            at: value.location)
        }
        return
      }
      visit(base)
    case .call(let function, let arguments):
      visit(function)
      arguments.forEach { visit($0.value) }
      checkCall(function, arguments, at: value.location)
    default:
      for child in value.kind.children { visit(child) }
    }
  }

  private func isCheckedNamespace(_ qualified: String) -> Bool {
    qualified.hasPrefix("torch") || qualified.hasPrefix("math")
  }

  private mutating func checkCall(_ function: Expression, _ arguments: [CallArgument], at location: SourceLocation) {
    var signature: Signature?
    if let qualified = resolve(function) {
      signature = catalog.signature(qualifiedName: qualified)
    } else if case .name(let name) = function.kind, !boundNames.contains(name) {
      signature = catalog.builtins[name]
    }
    guard let signature else { return }
    var positional: [Void] = []
    var keywords: [(String, Void)] = []
    var hasUnpacking = false
    for argument in arguments {
      switch argument {
      case .positional: positional.append(())
      case .keyword(let name, _, _): keywords.append((name, ()))
      case .unpacked, .unpackedKeywords: hasUnpacking = true
      }
    }
    do {
      if hasUnpacking {
        _ = try signature.bind(positional: [], keywords: keywords, at: location, checkMissing: false)
      } else {
        _ = try signature.bind(positional: positional, keywords: keywords, at: location)
      }
    } catch {
      errors.append(ArchLangError(.unsupported, error.message, at: location))
    }
  }
}
