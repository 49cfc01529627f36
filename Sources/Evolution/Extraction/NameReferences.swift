import ArchLang

/// The names a piece of program refers to and the names a module-level statement defines: what extraction needs to
/// follow the model to the helpers, constants and imports it reaches.
enum NameReferences {
  /// Every name read anywhere in `statements` (including nested functions, classes and comprehensions). It
  /// over-approximates free names (a local variable that shadows a module-level one counts too), which at worst keeps
  /// a module-level definition the model does not need.
  static func referenced(in statements: [Statement]) -> Set<String> {
    var names: Set<String> = []
    for statement in statements { collect(statement, into: &names) }
    return names
  }

  /// The names a module-level statement binds: a class, a function, assignment targets, import aliases.
  static func defined(by statement: Statement) -> [String] {
    switch statement.kind {
    case .classDefinition(let definition): return [definition.name]
    case .functionDefinition(let function): return [function.name]
    case .assign(let targets, _): return targets.flatMap(targetNames)
    case .augmentedAssign(let target, _, _), .annotatedAssign(let target, _, _): return targetNames(target)
    case .importModules(let names):
      return names.map { $0.alias ?? String($0.name.split(separator: ".").first ?? "") }
    case .importFrom(_, let names): return names.map { $0.alias ?? $0.name }
    default: return []
    }
  }

  private static func targetNames(_ target: Expression) -> [String] {
    switch target.kind {
    case .name(let name): return [name]
    case .tuple(let items), .list(let items): return items.flatMap(targetNames)
    case .starred(let inner): return targetNames(inner)
    default: return []
    }
  }

  private static func collect(_ statement: Statement, into names: inout Set<String>) {
    switch statement.kind {
    case .expression(let expression), .returnStatement(let expression?): collect(expression, into: &names)
    case .assign(let targets, let value):
      targets.forEach { collect($0, into: &names) }
      collect(value, into: &names)
    case .augmentedAssign(let target, _, let value):
      collect(target, into: &names)
      collect(value, into: &names)
    case .annotatedAssign(let target, _, let value):
      collect(target, into: &names)
      if let value { collect(value, into: &names) }
    case .ifStatement(let branches, let orElse):
      for branch in branches {
        collect(branch.test, into: &names)
        branch.body.forEach { collect($0, into: &names) }
      }
      orElse.forEach { collect($0, into: &names) }
    case .forLoop(let target, let iterable, let body, let orElse):
      collect(target, into: &names)
      collect(iterable, into: &names)
      (body + orElse).forEach { collect($0, into: &names) }
    case .whileLoop(let test, let body, let orElse):
      collect(test, into: &names)
      (body + orElse).forEach { collect($0, into: &names) }
    case .functionDefinition(let function):
      for parameter in function.parameters {
        if let value = parameter.defaultValue { collect(value, into: &names) }
      }
      function.body.forEach { collect($0, into: &names) }
    case .classDefinition(let definition):
      definition.bases.forEach { collect($0, into: &names) }
      definition.body.forEach { collect($0, into: &names) }
    case .assertStatement(let test, let message):
      collect(test, into: &names)
      if let message { collect(message, into: &names) }
    case .returnStatement(nil), .pass, .breakStatement, .continueStatement, .importModules, .importFrom: break
    }
  }

  private static func collect(_ expression: Expression, into names: inout Set<String>) {
    if case .name(let name) = expression.kind { names.insert(name) }
    for child in expression.kind.children { collect(child, into: &names) }
  }
}
