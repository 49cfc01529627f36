/// Every name a candidate program may use, with PyTorch's real signatures: the single source of truth for the
/// static checker, the interpreter's argument binding, error messages, and (later) constrained decoding.
public struct Catalog: Sendable {
  /// Modules a program may import.
  public static let importableModules: [String] = [
    "torch", "torch.nn", "torch.nn.functional", "math", "typing", "__future__",
  ]

  /// Builtin names that would give a program access to the interpreter or the machine; always rejected.
  public static let forbiddenNames: Set<String> = [
    "open", "eval", "exec", "compile", "__import__", "getattr", "setattr", "delattr", "hasattr", "globals", "locals",
    "vars", "dir", "input", "breakpoint", "help", "memoryview", "type", "exit", "quit", "classmethod", "staticmethod",
    "property", "object.__new__", "__builtins__", "__loader__", "__spec__", "__file__", "iter", "next", "id",
    "bytearray", "bytes", "callable", "issubclass",
  ]

  /// Python builtins outside the subset (harmless, but not implemented); named in errors with the alternatives.
  public static let unsupportedBuiltins: Set<String> = [
    "map", "filter", "set", "frozenset", "ord", "chr", "hex", "oct", "bin", "format", "hash", "slice", "complex",
    "ascii", "aiter", "anext", "bytes", "object.__init__",
  ]

  /// Dunder attributes a program may use; every other `__x__` attribute is rejected.
  public static let allowedDunderAttributes: Set<String> = ["__init__"]

  /// The `torch.nn` modules, keyed by short name.
  public let modules: [String: Signature]
  /// The `torch.nn.functional` functions, keyed by short name.
  public let functional: [String: Signature]
  /// The `torch` functions, keyed by short name.
  public let torchFunctions: [String: Signature]
  /// Tensor methods, keyed by short name.
  public let tensorMethods: [String: Signature]
  /// Tensor attributes that are not called (`shape`, `device`).
  public let tensorAttributes: [String]
  /// Module methods (`parameters`, `append`), keyed by short name.
  public let moduleMethods: [String: Signature]
  /// Python builtins, keyed by name.
  public let builtins: [String: Signature]
  /// `math` functions, keyed by short name.
  public let mathFunctions: [String: Signature]
  /// `math` constants (`pi`, `e`, `inf`, `nan`).
  public let mathConstants: [String: Double]
  /// `torch` attributes that are values, not functions (`float32`, `Tensor`).
  public let torchConstants: [String]

  /// The 1-D layers, listed when a program asks for a 2-D or 3-D one.
  public static let oneDimensionalLayers: [String] = [
    "Conv1d", "LazyConv1d", "BatchNorm1d", "LazyBatchNorm1d", "MaxPool1d", "AvgPool1d", "AdaptiveAvgPool1d",
    "AdaptiveMaxPool1d",
  ]

  /// The catalog the interpreter and checker use.
  public static let standard = Catalog()

  private init() {
    modules = Catalog.table(.module, prefix: "torch.nn.", Catalog.moduleSignatures)
    functional = Catalog.table(.functional, prefix: "torch.nn.functional.", Catalog.functionalSignatures)
    torchFunctions = Catalog.table(.torchFunction, prefix: "torch.", Catalog.torchFunctionSignatures)
    tensorMethods = Catalog.table(.tensorMethod, prefix: "Tensor.", Catalog.tensorMethodSignatures)
    tensorAttributes = ["shape", "device", "dtype", "ndim", "T"]
    moduleMethods = Catalog.table(.moduleMethod, prefix: "Module.", Catalog.moduleMethodSignatures)
    builtins = Catalog.table(.builtin, prefix: "", Catalog.builtinSignatures)
    mathFunctions = Catalog.table(.math, prefix: "math.", Catalog.mathFunctionSignatures)
    mathConstants = [
      "pi": Double.pi, "e": 2.718_281_828_459_045, "inf": Double.infinity, "nan": Double.nan, "tau": 2 * Double.pi,
    ]
    torchConstants = ["float32", "float", "Tensor", "nn"]
  }

  /// Every callable entry (modules, functions, methods, builtins), sorted by qualified name: what constrained
  /// decoding may emit and which keyword arguments each accepts.
  public var allSignatures: [Signature] {
    [modules, functional, torchFunctions, tensorMethods, moduleMethods, builtins, mathFunctions]
      .flatMap(\.values).sorted { $0.qualifiedName < $1.qualifiedName }
  }

  /// A message for a Python builtin outside the subset.
  public func unsupportedBuiltinMessage(_ name: String) -> String {
    "`\(name)` is not supported; supported builtins are: \(builtins.keys.sorted().joined(separator: ", "))"
  }

  /// Parses declarations written as Python `def` headers, one per line, into signatures keyed by name.
  private static func table(_ category: SignatureCategory, prefix: String, _ declarations: String) -> [String:
    Signature]
  {
    var result: [String: Signature] = [:]
    for line in declarations.split(separator: "\n") {
      let source = "def " + line + ": pass\n"
      guard let program = try? Parser.parse(source),
        case .functionDefinition(let function)? = program.statements.first?.kind
      else { continue }
      result[function.name] = Signature(
        qualifiedName: prefix + function.name, name: function.name, category: category, parameters: function.parameters)
    }
    return result
  }

  /// The entry for a fully qualified name (`torch.nn.Conv1d`, `torch.nn.functional.relu`, `torch.cat`, `math.sqrt`).
  public func signature(qualifiedName: String) -> Signature? {
    if let name = qualifiedName.strippingPrefix("torch.nn.functional.") { return functional[name] }
    if let name = qualifiedName.strippingPrefix("torch.nn.") { return modules[name] }
    if let name = qualifiedName.strippingPrefix("torch.") { return torchFunctions[name] }
    if let name = qualifiedName.strippingPrefix("math.") { return mathFunctions[name] }
    return nil
  }

  /// Whether `qualifiedName` names something a program may reference (a function, module, constant or submodule).
  public func isKnown(qualifiedName: String) -> Bool {
    if Catalog.importableModules.contains(qualifiedName) { return true }
    if signature(qualifiedName: qualifiedName) != nil { return true }
    if let name = qualifiedName.strippingPrefix("torch."), torchConstants.contains(name) { return true }
    if let name = qualifiedName.strippingPrefix("math."), mathConstants[name] != nil { return true }
    if qualifiedName.hasPrefix("typing.") || qualifiedName.hasPrefix("__future__.") { return true }
    return false
  }

  /// A message for a name that is not in the catalog, listing what is supported nearby.
  public func unknownNameMessage(qualifiedName: String, written: String) -> String {
    func closest(_ name: String, among candidates: [String]) -> String? {
      let lowered = name.lowercased()
      let scored = candidates.map { ($0, Catalog.editDistance(lowered, $0.lowercased())) }
      guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, name.count / 3) else { return nil }
      return best.0
    }
    if let name = qualifiedName.strippingPrefix("torch.nn.functional.") {
      let names = functional.keys.sorted()
      let hint = closest(name, among: names).map { " (did you mean F.\($0)?)" } ?? ""
      return
        "`\(written)` is not supported\(hint); supported torch.nn.functional functions are: \(names.joined(separator: ", "))"
    }
    if let name = qualifiedName.strippingPrefix("torch.nn.") {
      if name.contains("2d") || name.contains("3d") {
        let oneD = name.replacing("2d", with: "1d").replacing("3d", with: "1d")
        let hint = modules[oneD] != nil ? " (did you mean nn.\(oneD)?)" : ""
        return
          "`\(written)` is not supported\(hint); 1-D layers are: \(Catalog.oneDimensionalLayers.joined(separator: ", "))"
      }
      let names = modules.keys.sorted()
      let hint = closest(name, among: names).map { " (did you mean nn.\($0)?)" } ?? ""
      return "`\(written)` is not supported\(hint); supported torch.nn modules are: \(names.joined(separator: ", "))"
    }
    if let name = qualifiedName.strippingPrefix("torch.") {
      let names = (torchFunctions.keys + torchConstants.filter { $0 != "nn" }).sorted()
      let hint = closest(name, among: names).map { " (did you mean torch.\($0)?)" } ?? ""
      return "`\(written)` is not supported\(hint); supported torch names are: nn, \(names.joined(separator: ", "))"
    }
    if let name = qualifiedName.strippingPrefix("math.") {
      let names = (Array(mathFunctions.keys) + Array(mathConstants.keys)).sorted()
      let hint = closest(name, among: names).map { " (did you mean math.\($0)?)" } ?? ""
      return "`\(written)` is not supported\(hint); supported math names are: \(names.joined(separator: ", "))"
    }
    return "`\(written)` is not supported"
  }

  /// Levenshtein distance, for "did you mean" hints.
  static func editDistance(_ a: String, _ b: String) -> Int {
    let left = Array(a)
    let right = Array(b)
    guard !left.isEmpty else { return right.count }
    guard !right.isEmpty else { return left.count }
    var previous = Array(0...right.count)
    var current = [Int](repeating: 0, count: right.count + 1)
    for i in 1...left.count {
      current[0] = i
      for j in 1...right.count {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (left[i - 1] == right[j - 1] ? 0 : 1))
      }
      swap(&previous, &current)
    }
    return previous[right.count]
  }
}
