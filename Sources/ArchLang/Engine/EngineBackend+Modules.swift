import EvoTensor

/// Builds the value of `nn.<name>(...)` from its bound arguments (the backend draws the weights).
typealias ModuleBuilder = @Sendable (EngineBackend, CallArguments) throws(ArchLangError) -> Value

extension EngineBackend {
  public func makeModule(
    _ signature: Signature, arguments bound: [String: Value], extraPositional: [Value], interpreter: Interpreter,
    at location: SourceLocation
  ) throws(ArchLangError) -> Value {
    let arguments = CallArguments(
      signature: signature, bound: bound, extraPositional: extraPositional, location: location, interpreter: interpreter
    )
    guard let build = Self.moduleBuilders[signature.name] else {
      throw ArchLangError(
        .unsupported,
        interpreter.catalog.unknownNameMessage(qualifiedName: signature.qualifiedName, written: signature.displayName),
        at: location)
    }
    return try build(self, arguments)
  }

  /// Every module the engine builds, by its catalog name; each family's builders live in
  /// `EngineBackend+<Family>Modules.swift`.
  static let moduleBuilders: [String: ModuleBuilder] = [
    linearModuleBuilders, convolutionModuleBuilders, normalizationModuleBuilders, activationModuleBuilders,
    containerModuleBuilders,
  ].reduce(into: [:]) { table, family in
    table.merge(family) { _, _ in preconditionFailure("a module name is built by two families") }
  }

  /// The program value of an engine layer made by `arguments`' call.
  func layerValue(_ arguments: CallArguments, _ module: Module, _ kind: LayerKind) -> Value {
    .native(
      LayerValue(
        name: arguments.signature.name, module: module, kind: kind, backend: self, constructedAt: arguments.location))
  }

  /// A layer whose forward pass the backend computes itself (see `BridgedModule`).
  func bridgedValue(_ arguments: CallArguments, _ kind: LayerKind) -> Value {
    layerValue(arguments, BridgedModule(), kind)
  }

  func activationValue(_ arguments: CallArguments, _ kind: Activation.Kind) -> Value {
    let module = Activation(kind)
    return layerValue(arguments, module, .activation(module))
  }
}
