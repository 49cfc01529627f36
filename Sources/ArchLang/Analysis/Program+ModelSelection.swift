extension Program {
  /// The names of the module-level classes that subclass `nn.Module`, directly or through other program classes.
  public var moduleClassNames: [String] {
    let aliases = StaticChecker.importAliases(of: self)
    func qualified(_ expression: Expression) -> String? {
      switch expression.kind {
      case .name(let name): return aliases[name]
      case .attribute(let base, let name): return qualified(base).map { $0 + "." + name }
      default: return nil
      }
    }
    var moduleClasses: [String] = []
    for statement in statements {
      guard case .classDefinition(let definition) = statement.kind else { continue }
      let isModule = definition.bases.contains { base in
        if qualified(base) == "torch.nn.Module" { return true }
        if case .name(let name) = base.kind { return moduleClasses.contains(name) }
        return false
      }
      if isModule { moduleClasses.append(definition.name) }
    }
    return moduleClasses
  }

  /// Which network the program defines: a module-level `model = ...` if present; else the class named `Model`;
  /// else the last `nn.Module` subclass (built with no arguments). Nil when there is none of these.
  public var modelSelection: ModelSelection? {
    var assigned: ModelSelection?
    for statement in statements {
      if case .assign(let targets, let value) = statement.kind,
        targets.contains(where: { if case .name("model") = $0.kind { return true } else { return false } })
      {
        assigned = .variable(name: "model", value: value)
      }
    }
    if let assigned { return assigned }
    let classes = moduleClassNames
    if classes.contains("Model") { return .moduleClass(name: "Model") }
    return classes.last.map { .moduleClass(name: $0) }
  }
}

extension Program {
  /// Where the selected model is defined (the `model = ...` line or the class), for errors about the model itself.
  public var modelSelectionLocation: SourceLocation {
    switch modelSelection {
    case .variable(_, let value)?:
      return statements.last { statement in
        if case .assign(let targets, _) = statement.kind {
          return targets.contains { if case .name("model") = $0.kind { return true } else { return false } }
        }
        return false
      }?.location ?? value.location
    case .moduleClass(let name)?:
      return classLocation(name)
    case nil:
      return .start
    }
  }

  /// Where the module-level class `name` is defined; the program's start when there is no such class.
  public func classLocation(_ name: String) -> SourceLocation {
    statements.first { statement in
      if case .classDefinition(let definition) = statement.kind { return definition.name == name }
      return false
    }?.location ?? .start
  }
}
