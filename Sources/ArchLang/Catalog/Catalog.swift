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
    modules = Catalog.table(
      .module, prefix: "torch.nn.",
      """
      Module()
      Linear(in_features, out_features, bias=True, device=None, dtype=None)
      Conv1d(in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True, padding_mode='zeros', device=None, dtype=None)
      BatchNorm1d(num_features, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True, device=None, dtype=None)
      LayerNorm(normalized_shape, eps=1e-05, elementwise_affine=True, bias=True, device=None, dtype=None)
      GroupNorm(num_groups, num_channels, eps=1e-05, affine=True, device=None, dtype=None)
      Dropout(p=0.5, inplace=False)
      MaxPool1d(kernel_size, stride=None, padding=0, dilation=1, return_indices=False, ceil_mode=False)
      AvgPool1d(kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True)
      AdaptiveAvgPool1d(output_size)
      AdaptiveMaxPool1d(output_size, return_indices=False)
      ReLU(inplace=False)
      GELU(approximate='none')
      SiLU(inplace=False)
      Tanh()
      Sigmoid()
      LeakyReLU(negative_slope=0.01, inplace=False)
      ELU(alpha=1.0, inplace=False)
      Softmax(dim=None)
      Identity(*args, **kwargs)
      Flatten(start_dim=1, end_dim=-1)
      Unflatten(dim, unflattened_size)
      Embedding(num_embeddings, embedding_dim, padding_idx=None, max_norm=None, norm_type=2.0, scale_grad_by_freq=False, sparse=False, _weight=None, _freeze=False, device=None, dtype=None)
      GRU(input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0.0, bidirectional=False, device=None, dtype=None)
      LSTM(input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0.0, bidirectional=False, proj_size=0, device=None, dtype=None)
      Sequential(*args)
      ModuleList(modules=None)
      ModuleDict(modules=None)
      LazyLinear(out_features, bias=True, device=None, dtype=None)
      LazyConv1d(out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True, padding_mode='zeros', device=None, dtype=None)
      LazyBatchNorm1d(eps=1e-05, momentum=0.1, affine=True, track_running_stats=True, device=None, dtype=None)
      """)
    functional = Catalog.table(
      .functional, prefix: "torch.nn.functional.",
      """
      relu(input, inplace=False)
      gelu(input, approximate='none')
      silu(input, inplace=False)
      leaky_relu(input, negative_slope=0.01, inplace=False)
      elu(input, alpha=1.0, inplace=False)
      sigmoid(input)
      tanh(input)
      softmax(input, dim=None, _stacklevel=3, dtype=None)
      log_softmax(input, dim=None, _stacklevel=3, dtype=None)
      dropout(input, p=0.5, training=True, inplace=False)
      max_pool1d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False)
      avg_pool1d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True)
      adaptive_avg_pool1d(input, output_size)
      adaptive_max_pool1d(input, output_size, return_indices=False)
      pad(input, pad, mode='constant', value=None)
      layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-05)
      """)
    torchFunctions = Catalog.table(
      .torchFunction, prefix: "torch.",
      """
      cat(tensors, dim=0)
      concat(tensors, dim=0)
      stack(tensors, dim=0)
      split(tensor, split_size_or_sections, dim=0)
      chunk(input, chunks, dim=0)
      flatten(input, start_dim=0, end_dim=-1)
      sigmoid(input)
      tanh(input)
      relu(input)
      softmax(input, dim, dtype=None)
      log_softmax(input, dim, dtype=None)
      amax(input, dim=(), keepdim=False)
      amin(input, dim=(), keepdim=False)
      max(input, dim=None, keepdim=False)
      min(input, dim=None, keepdim=False)
      maximum(input, other)
      minimum(input, other)
      clamp(input, min=None, max=None)
      clip(input, min=None, max=None)
      exp(input)
      abs(input)
      mean(input, dim=None, keepdim=False)
      sum(input, dim=None, keepdim=False)
      matmul(input, other)
      transpose(input, dim0, dim1)
      zeros(*size, dtype=None, device=None, requires_grad=False)
      ones(*size, dtype=None, device=None, requires_grad=False)
      randn(*size, dtype=None, device=None, requires_grad=False)
      """)
    tensorMethods = Catalog.table(
      .tensorMethod, prefix: "Tensor.",
      """
      view(*shape)
      reshape(*shape)
      flatten(start_dim=0, end_dim=-1)
      permute(*dims)
      transpose(dim0, dim1)
      unsqueeze(dim)
      squeeze(dim=None)
      contiguous()
      size(dim=None)
      dim()
      numel()
      mean(dim=None, keepdim=False)
      sum(dim=None, keepdim=False)
      max(dim=None, keepdim=False)
      amax(dim=(), keepdim=False)
      amin(dim=(), keepdim=False)
      min(dim=None, keepdim=False)
      clamp(min=None, max=None)
      clip(min=None, max=None)
      expand(*sizes)
      exp()
      abs()
      relu()
      sigmoid()
      tanh()
      softmax(dim)
      log_softmax(dim)
      chunk(chunks, dim=0)
      split(split_size_or_sections, dim=0)
      matmul(other)
      to(*args, **kwargs)
      float()
      detach()
      """)
    tensorAttributes = ["shape", "device", "dtype", "ndim", "T"]
    moduleMethods = Catalog.table(
      .moduleMethod, prefix: "Module.",
      """
      parameters(recurse=True)
      append(module)
      extend(modules)
      add_module(name, module)
      items()
      keys()
      values()
      train(mode=True)
      eval()
      forward(*args, **kwargs)
      named_parameters()
      to(*args, **kwargs)
      float()
      """)
    builtins = Catalog.table(
      .builtin, prefix: "",
      """
      print(*values, sep=' ', end='\\n')
      len(obj)
      range(*args)
      min(*args)
      max(*args)
      sum(iterable, start=0)
      int(x=0)
      float(x=0.0)
      bool(x=False)
      str(object='')
      abs(x)
      round(number, ndigits=None)
      pow(base, exp)
      divmod(a, b)
      isinstance(obj, class_or_tuple)
      list(iterable=())
      tuple(iterable=())
      dict(*args, **kwargs)
      enumerate(iterable, start=0)
      zip(*iterables)
      sorted(iterable, reverse=False)
      reversed(sequence)
      any(iterable)
      all(iterable)
      super(*args)
      """)
    mathFunctions = Catalog.table(
      .math, prefix: "math.",
      """
      sqrt(x)
      exp(x)
      log(x, base=None)
      log2(x)
      log10(x)
      floor(x)
      ceil(x)
      sin(x)
      cos(x)
      tanh(x)
      pow(x, y)
      fabs(x)
      prod(iterable, start=1)
      gcd(*integers)
      """)
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
