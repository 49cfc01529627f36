import ArchLang

extension PrefixChecker {
  /// The imports a program may start with, and the alias each defines.
  static let importLines: [(line: String, alias: String)] = [
    ("import torch", "torch"), ("import torch.nn as nn", "nn"), ("import torch.nn.functional as F", "F"),
    ("import math", "math"),
  ]

  /// Module level: an import, or `class Name(nn.Module):`.
  func analyzeModuleLevel(_ rest: [UInt8]) -> LineAnalysis {
    let text = String(decoding: rest, as: UTF8.self)
    // Every class so far must be complete (a `forward` that returned) before module-level code.
    if let unfinished = classNames.first(where: { !returnedClasses.contains($0) }), !unfinished.isEmpty {
      return .invalid
    }
    var importPrefix = false
    for entry in Self.importLines
    where classNames.isEmpty && entry.line.hasPrefix(text) && !imports.contains(entry.alias) {
      if entry.line == text {
        var analysis = LineAnalysis(viable: true, complete: true)
        analysis.kind = .importStatement
        analysis.names = [entry.alias]
        analysis.codeKey = text
        return analysis
      }
      importPrefix = true
    }
    if importPrefix { return .prefix }
    // The program ends with the model's class; nothing may follow it.
    if classNames.contains(modelClassName) { return .invalid }
    let keyword = "class "
    if keyword.hasPrefix(text) { return .prefix }
    guard text.hasPrefix(keyword), imports.contains("nn") else { return .invalid }
    let afterKeyword = Array(rest.dropFirst(keyword.utf8.count))
    let nameLength = afterKeyword.prefix { LineLexer.isIdentifierStart($0) || LineLexer.isDigit($0) }.count
    guard nameLength > 0, LineLexer.isIdentifierStart(afterKeyword[0]) else {
      return afterKeyword.isEmpty ? .prefix : .invalid
    }
    let name = String(decoding: afterKeyword.prefix(nameLength), as: UTF8.self)
    // After the helper classes, the next class is the model; a helper is a block (`ResidualBlock`), named so.
    if classNames.count >= maximumHelperClasses {
      guard modelClassName.hasPrefix(name) else { return .invalid }
      if name != modelClassName { return nameLength == afterKeyword.count ? .prefix : .invalid }
    } else if name != modelClassName && !name.hasSuffix("Block") && nameLength < afterKeyword.count {
      return .invalid
    }
    guard !classNames.contains(name), !reservedNames.contains(name) else {
      return nameLength == afterKeyword.count ? .prefix : .invalid
    }
    let tail = String(decoding: afterKeyword.dropFirst(nameLength), as: UTF8.self)
    let base = "(nn.Module):"
    guard base.hasPrefix(tail) else { return .invalid }
    guard tail == base else { return .prefix }
    var analysis = LineAnalysis(viable: true, complete: true)
    analysis.kind = .classHeader
    analysis.names = [name]
    analysis.codeKey = text
    return analysis
  }

  /// A class body: a one-line docstring, `def __init__(self, ...):`, then `def forward(self, x):`.
  func analyzeClassBody(_ rest: [UInt8], className: String) -> LineAnalysis {
    if rest[0] == 0x22 { return pendingBodyIndent != nil ? analyzeDocstring(rest) : .invalid }
    let text = String(decoding: rest, as: UTF8.self)
    let keyword = "def "
    let defined = methods[className] ?? []
    var allowed: [String] = []
    if !defined.contains("__init__") { allowed.append("__init__") }
    // With sizes steered, `forward` waits until the layers can give the class scores (the line check would
    // reject the header; writing one more layer is the way on).
    if defined.contains("__init__") && !defined.contains("forward")
      && !(steersLayerSizes && className == modelClassName && shapeHints?.reachesClassScores == false)
    {
      allowed.append("forward")
    }
    // A `def` no method may follow is a dead end (Qwen began `    def` a dozen times in a row after `forward`).
    if keyword.hasPrefix(text) { return allowed.isEmpty ? .invalid : .prefix }
    guard text.hasPrefix(keyword) else { return .invalid }
    let afterKeyword = Array(rest.dropFirst(keyword.utf8.count))
    let nameLength = afterKeyword.prefix { LineLexer.isIdentifierStart($0) || LineLexer.isDigit($0) }.count
    let name = String(decoding: afterKeyword.prefix(nameLength), as: UTF8.self)
    if nameLength == afterKeyword.count {
      return allowed.contains { $0.hasPrefix(name) } ? .prefix : .invalid
    }
    guard allowed.contains(name), let lexed = LineLexer.tokenize(Array(afterKeyword.dropFirst(nameLength))) else {
      return .invalid
    }
    let isModel = className == modelClassName
    return analyzeParameters(
      lexed.tokens, endsOpen: lexed.endsOpen, method: name,
      requireDefaults: isModel && name == "__init__" && modelArgumentCount == 0,
      exactCount: isModel ? (name == "__init__" ? modelArgumentCount : forwardInputCount) : nil, header: text)
  }

  /// `(self, a, b=1):` after a method name; `forward` takes exactly one input, the model's as many as its
  /// contract gives it (`exactCount`, besides `self`; a model built without arguments may have defaulted ones).
  func analyzeParameters(
    _ tokens: [LineToken], endsOpen: Bool, method: String, requireDefaults: Bool, exactCount: Int?, header: String
  ) -> LineAnalysis {
    let forwardInputs = method == "forward" ? (exactCount ?? 1) : 1
    let exactInitializerCount = method == "__init__" && exactCount != 0 ? exactCount : nil
    enum Expect { case open, selfName, separator, name, defaultValue, colon, end }
    var expect = Expect.open
    var names: [String] = []
    var sawDefault = false
    var index = 0
    var negative = false
    while index < tokens.count {
      let token = tokens[index]
      let isOpenLast = index == tokens.count - 1 && endsOpen
      switch expect {
      case .open:
        guard token.text == "(" else { return .invalid }
        expect = .selfName
      case .selfName:
        guard token.kind == .name, "self".hasPrefix(token.text) else { return .invalid }
        if token.text != "self" { return isOpenLast ? .prefix : .invalid }
        names.append("self")
        expect = .separator
      case .separator:
        if token.text == "," {
          guard method == "__init__" || names.count < 1 + forwardInputs else { return .invalid }
          if let exact = exactInitializerCount, names.count >= 1 + exact { return .invalid }
          // Model is built without arguments: its sizes are written where the layers use them, where the size
          // constraints can check them (a parameter's default is otherwise free to make every layer misfit).
          guard !(requireDefaults && steersLayerSizes) else { return .invalid }
          expect = .name
        } else if token.text == ")" {
          if method == "forward" && names.count != 1 + forwardInputs { return .invalid }
          if let exact = exactInitializerCount, names.count != 1 + exact { return .invalid }
          expect = .colon
        } else if token.text == "=" {
          guard names.count > 1, method == "__init__" else { return .invalid }
          expect = .defaultValue
          sawDefault = true
        } else {
          return .invalid
        }
      case .name:
        guard token.kind == .name, !reservedNames.contains(token.text) || isOpenLast, !names.contains(token.text) else {
          return .invalid
        }
        if isOpenLast { return .prefix }
        guard !Catalog.forbiddenNames.contains(token.text), !Catalog.unsupportedBuiltins.contains(token.text) else {
          return .invalid
        }
        guard !Self.pythonKeywords.contains(token.text) else { return .invalid }
        if sawDefault || requireDefaults {
          // A parameter after a defaulted one (or any in Model, built without arguments) needs a default too.
          if index + 1 < tokens.count, tokens[index + 1].text != "=" { return .invalid }
          sawDefault = true
        }
        names.append(token.text)
        expect = .separator
      case .defaultValue:
        if token.text == "-" && !negative {
          negative = true
          index += 1
          continue
        }
        switch token.kind {
        case .number: break
        case .string(let terminated): if !terminated { return .prefix }
        case .name:
          if isOpenLast { return ["True", "False", "None"].contains { $0.hasPrefix(token.text) } ? .prefix : .invalid }
          guard ["True", "False", "None"].contains(token.text), !negative else { return .invalid }
        default: return .invalid
        }
        negative = false
        expect = .separator
      case .colon:
        guard token.text == ":" else { return .invalid }
        expect = .end
      case .end:
        guard token.kind == .comment else { return .invalid }
      }
      index += 1
    }
    guard expect == .end else { return .prefix }
    var analysis = LineAnalysis(viable: true, complete: true)
    analysis.kind = .functionHeader
    analysis.names = [method] + names
    analysis.codeKey = "def " + method + Self.codeKey(tokens)
    return analysis
  }

  /// A one-line `"""docstring"""`.
  func analyzeDocstring(_ rest: [UInt8]) -> LineAnalysis {
    let quotes: [UInt8] = [0x22, 0x22, 0x22]
    if rest.count <= 3 { return Array(quotes.prefix(rest.count)) == rest ? .prefix : .invalid }
    guard Array(rest.prefix(3)) == quotes else { return .invalid }
    let body = Array(rest.dropFirst(3))
    guard body.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x5C }) else { return .invalid }
    // The closing quotes may only be the last three characters.
    var index = 0
    while index + 3 <= body.count {
      if Array(body[index..<index + 3]) == quotes {
        guard index > 0, index + 3 == body.count else { return .invalid }
        var analysis = LineAnalysis(viable: true, complete: true)
        analysis.kind = .docstring
        analysis.codeKey = "docstring"
        return analysis
      }
      index += 1
    }
    return .prefix
  }

  /// Names a program may not rebind.
  var reservedNames: Set<String> { Self.reserved }

  static let reserved: Set<String> = Set(["self", "nn", "F", "torch", "math", "super", "True", "False", "None"])
    .union(pythonKeywords)

  /// Python's reserved words, as ArchLang's lexer knows them.
  static let pythonKeywords = Lexer.keywords
}
