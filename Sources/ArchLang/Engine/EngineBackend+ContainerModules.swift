import EvoTensor

// The modules that hold other modules.
extension EngineBackend {
  /// `nn.Sequential`, `nn.ModuleList` and `nn.ModuleDict`.
  static let containerModuleBuilders: [String: ModuleBuilder] = [
    "Sequential": { backend, arguments throws(ArchLangError) in try backend.sequentialModule(arguments) },
    "ModuleList": { backend, arguments throws(ArchLangError) in try backend.moduleListModule(arguments) },
    "ModuleDict": { backend, arguments throws(ArchLangError) in try backend.moduleDictModule(arguments) },
  ]

  /// `nn.Sequential(*modules)`.
  func sequentialModule(_ arguments: CallArguments) throws(ArchLangError) -> Value {
    let container = ContainerValue(kind: .sequential, backend: self)
    for value in arguments.extraPositional { try container.append(value, at: arguments.location) }
    return .native(container)
  }

  /// `nn.ModuleList(modules)`.
  func moduleListModule(_ arguments: CallArguments) throws(ArchLangError) -> Value {
    let container = ContainerValue(kind: .moduleList, backend: self)
    if case .none = arguments.value("modules") {
    } else {
      for value in try arguments.interpreter.elements(of: arguments.value("modules"), at: arguments.location) {
        try container.append(value, at: arguments.location)
      }
    }
    return .native(container)
  }

  /// `nn.ModuleDict(modules)`: a dict or (name, module) pairs.
  func moduleDictModule(_ arguments: CallArguments) throws(ArchLangError) -> Value {
    let container = ContainerValue(kind: .moduleDict, backend: self)
    switch arguments.value("modules") {
    case .none: break
    case .dict(let storage):
      for (key, value) in zip(storage.keys, storage.values) {
        guard case .string(let name) = key else { throw arguments.error("ModuleDict keys must be strings") }
        try container.append(value, key: name, at: arguments.location)
      }
    case let other:
      for pair in try arguments.interpreter.elements(of: other, at: arguments.location) {
        let items = try arguments.interpreter.elements(of: pair, at: arguments.location)
        guard items.count == 2, case .string(let name) = items[0] else {
          throw arguments.error("ModuleDict expects a dict or (name, module) pairs")
        }
        try container.append(items[1], key: name, at: arguments.location)
      }
    }
    return .native(container)
  }
}
