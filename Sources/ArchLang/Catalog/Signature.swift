import MemberwiseInit

/// The calling convention of one supported name, written exactly as PyTorch (or Python) declares it.
@MemberwiseInit
public struct Signature: Sendable, Hashable {
  /// The fully qualified name (`torch.nn.Conv1d`, `torch.nn.functional.relu`, `Tensor.view`, `len`).
  public var qualifiedName: String
  /// The short name a program writes (`Conv1d`, `relu`, `view`).
  public var name: String
  /// What kind of entry this is.
  public var category: SignatureCategory
  /// Parameters in declaration order; defaults are Python expressions (`stride=1`, `padding_mode='zeros'`).
  public var parameters: [Parameter]

  /// The name as programs usually write it (`nn.Conv1d`, `F.relu`, `torch.cat`, `x.view`).
  public var displayName: String {
    switch category {
    case .module: return "nn." + name
    case .functional: return "F." + name
    case .torchFunction: return "torch." + name
    case .tensorMethod: return "Tensor." + name
    case .moduleMethod: return "Module." + name
    case .builtin: return name
    case .math: return "math." + name
    case .constant: return qualifiedName
    }
  }

  /// The names accepted as keyword arguments.
  public var keywordNames: [String] {
    parameters.filter { $0.kind == .normal || $0.kind == .keywordOnly }.map(\.name)
  }

  /// Whether any number of extra positional arguments is accepted (`*args`).
  public var acceptsVariadicPositional: Bool { parameters.contains { $0.kind == .variadicPositional } }

  /// Whether unknown keyword arguments are accepted (`**kwargs`).
  public var acceptsVariadicKeywords: Bool { parameters.contains { $0.kind == .variadicKeyword } }

  /// The declaration as text, e.g. `nn.Linear(in_features, out_features, bias=True, device=None, dtype=None)`.
  public var declaration: String {
    let printer = PrettyPrinter()
    let parts = parameters.map { parameter -> String in
      let prefix = parameter.kind == .variadicPositional ? "*" : parameter.kind == .variadicKeyword ? "**" : ""
      return prefix + parameter.name + (parameter.defaultValue.map { "=" + printer.expression($0, minimum: 1) } ?? "")
    }
    return displayName + "(" + parts.joined(separator: ", ") + ")"
  }

  /// Matches call arguments to parameters the way Python does.
  ///
  /// Returns the argument bound to each named parameter (parameters left out use their defaults) and the extra
  /// positional arguments collected by `*args`. Throws, naming the valid keywords, on an unknown keyword, too many
  /// positional arguments, a repeated argument, or a missing required argument.
  public func bind<Value>(
    positional: [Value], keywords: [(String, Value)], at location: SourceLocation, checkMissing: Bool = true
  ) throws(ArchLangError) -> (bound: [String: Value], extraPositional: [Value], extraKeywords: [(String, Value)]) {
    var bound: [String: Value] = [:]
    var extra: [Value] = []
    var extraKeywords: [(String, Value)] = []
    let positionalParameters = parameters.filter { $0.kind == .normal }
    for (offset, value) in positional.enumerated() {
      if offset < positionalParameters.count {
        bound[positionalParameters[offset].name] = value
      } else if acceptsVariadicPositional {
        extra.append(value)
      } else {
        throw ArchLangError(
          .runtime,
          "\(displayName)() takes at most \(positionalParameters.count) positional argument\(positionalParameters.count == 1 ? "" : "s") but \(positional.count) were given; the signature is \(declaration)",
          at: location)
      }
    }
    for (name, value) in keywords {
      guard
        let parameter = parameters.first(where: { $0.name == name && ($0.kind == .normal || $0.kind == .keywordOnly) })
      else {
        if acceptsVariadicKeywords {
          extraKeywords.append((name, value))
          continue
        }
        let valid = keywordNames.joined(separator: ", ")
        throw ArchLangError(
          .unsupported,
          "\(displayName)() got an unexpected keyword argument '\(name)'; valid keywords are: \(valid.isEmpty ? "none" : valid)",
          at: location)
      }
      if bound[parameter.name] != nil {
        throw ArchLangError(.runtime, "\(displayName)() got multiple values for argument '\(name)'", at: location)
      }
      bound[parameter.name] = value
    }
    if checkMissing {
      for parameter in parameters
      where (parameter.kind == .normal || parameter.kind == .keywordOnly) && parameter.defaultValue == nil
        && bound[parameter.name] == nil
      {
        throw ArchLangError(
          .runtime, "\(displayName)() missing required argument '\(parameter.name)'; the signature is \(declaration)",
          at: location)
      }
    }
    return (bound, extra, extraKeywords)
  }
}
