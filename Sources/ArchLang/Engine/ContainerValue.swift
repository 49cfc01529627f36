import EvoTensor

/// `nn.Sequential`, `nn.ModuleList` and `nn.ModuleDict`: ordered children registered as `0`, `1`, … or by key.
public final class ContainerValue: NativeObject, NativeModule, NativeSequence, NativeSized, CustomStringConvertible {
  /// Which container this is.
  enum Kind {
    case sequential, moduleList, moduleDict
  }

  let kind: Kind
  /// The children with their registered names.
  private(set) var entries: [(key: String, value: Value)] = []
  /// The engine module the children are registered in.
  public let module: BridgedModule
  unowned let backend: EngineBackend

  init(kind: Kind, backend: EngineBackend) {
    self.kind = kind
    self.backend = backend
    self.module = BridgedModule()
    if kind == .sequential {
      module.body = { [weak self] (input) throws(ArchLangError) -> Tensor in
        guard let self else { throw ArchLangError(.runtime, "the container no longer exists", at: .start) }
        let output = try self.runSequential(.native(TensorValue(input)), at: .start)
        guard case .native(let object) = output, let tensor = (object as? TensorValue)?.tensor else {
          throw ArchLangError(.runtime, "Sequential did not return a tensor", at: .start)
        }
        return tensor
      }
    }
  }

  deinit {
    var values = entries.map(\.value)
    entries = []
    ValueReclaimer.reclaim(&values)
  }

  public var typeName: String {
    switch kind {
    case .sequential: return "Sequential"
    case .moduleList: return "ModuleList"
    case .moduleDict: return "ModuleDict"
    }
  }

  public var description: String { typeName + "(\(entries.count) modules)" }

  /// Adds a child under `key` (the next index for lists), registering its engine module.
  func append(_ value: Value, key: String? = nil, at location: SourceLocation) throws(ArchLangError) {
    guard let child = backend.engineModule(of: value) else {
      throw ArchLangError(.runtime, "\(typeName) can only hold modules, got \(value.typeName)", at: location)
    }
    let name = key ?? String(entries.count)
    try backend.register(child, as: name, in: module, at: location)
    if let index = entries.firstIndex(where: { $0.key == name }) {
      entries[index].value = value
    } else {
      entries.append((name, value))
    }
  }

  func runSequential(_ input: Value, at location: SourceLocation) throws(ArchLangError) -> Value {
    var current = input
    for (_, child) in entries {
      current = try backend.interpreter.call(child, [current], [], at: location)
    }
    return current
  }

  public func elements(interpreter: Interpreter, at location: SourceLocation) throws(ArchLangError) -> [Value] {
    kind == .moduleDict ? entries.map { .string($0.key) } : entries.map(\.value)
  }

  public func length(at location: SourceLocation) throws(ArchLangError) -> Int { entries.count }

  /// `container[index]`: an int for lists and Sequential (a slice gives a new container), a key for dicts.
  func item(_ index: Value, at location: SourceLocation) throws(ArchLangError) -> Value {
    if kind == .moduleDict {
      guard case .string(let key) = index, let found = entries.first(where: { $0.key == key }) else {
        throw ArchLangError(
          .runtime, "KeyError: \((try? backend.interpreter.repr(index)) ?? "?") not in ModuleDict", at: location)
      }
      return found.value
    }
    if case .slice(let lower, let upper, let step) = index {
      let positions = try backend.interpreter.sliceIndices(entries.count, lower, upper, step, at: location)
      let slice = ContainerValue(kind: kind, backend: backend)
      for position in positions { try slice.append(entries[position].value, at: location) }
      return .native(slice)
    }
    var position = try backend.interpreter.integerIndex(index, at: location)
    if position < 0 { position += entries.count }
    guard position >= 0 && position < entries.count else {
      throw ArchLangError(
        .runtime, "index \(position) is out of range for \(typeName) of length \(entries.count)", at: location)
    }
    return entries[position].value
  }

  public func attribute(_ name: String, interpreter: Interpreter, at location: SourceLocation) throws(ArchLangError)
    -> Value
  {
    func method(_ body: @escaping ([Value], Interpreter, SourceLocation) throws(ArchLangError) -> Value) -> Value {
      .builtin(
        BuiltinFunction("\(typeName).\(name)") { (positional, _, interpreter, location) throws(ArchLangError) in
          try body(positional, interpreter, location)
        })
    }
    switch (kind, name) {
    case (.moduleList, "append"), (.sequential, "append"):
      return method { [self] (positional, _, location) throws(ArchLangError) in
        guard positional.count == 1 else {
          throw ArchLangError(.runtime, "append() takes exactly one argument", at: location)
        }
        try self.append(positional[0], at: location)
        return .native(self)
      }
    case (.moduleList, "extend"):
      return method { [self] (positional, interpreter, location) throws(ArchLangError) in
        guard positional.count == 1 else {
          throw ArchLangError(.runtime, "extend() takes exactly one argument", at: location)
        }
        for element in try interpreter.elements(of: positional[0], at: location) {
          try self.append(element, at: location)
        }
        return .native(self)
      }
    case (.moduleDict, "items"):
      return method { [self] _, _, _ in .list(ListStorage(self.entries.map { .tuple([.string($0.key), $0.value]) })) }
    case (.moduleDict, "keys"):
      return method { [self] _, _, _ in .list(ListStorage(self.entries.map { .string($0.key) })) }
    case (.moduleDict, "values"):
      return method { [self] _, _, _ in .list(ListStorage(self.entries.map(\.value))) }
    case (_, "training"):
      return .bool(module.isTraining)
    default:
      return try backend.moduleMethod(name, of: module, value: .native(self), typeName: typeName, at: location)
    }
  }

  public func call(
    _ positional: [Value], _ keywords: [(String, Value)], interpreter: Interpreter, at location: SourceLocation
  ) throws(ArchLangError) -> Value {
    guard kind == .sequential else {
      throw ArchLangError(.runtime, "\(typeName) is not callable; iterate over it or index it", at: location)
    }
    guard positional.count == 1, keywords.isEmpty else {
      throw ArchLangError(.runtime, "Sequential.forward() takes exactly one input", at: location)
    }
    return try runSequential(positional[0], at: location)
  }
}
