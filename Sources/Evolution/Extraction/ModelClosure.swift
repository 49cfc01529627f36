import ArchLang
import Foundation

/// Keeps, of a parsed reply, the model and everything it reaches: the model class (or `model = ...`), the helper
/// classes, functions and constants it uses, and allowed imports; definitions it uses that only the prompt's parents
/// define are carried in from them. Everything else (training loops, data code, `if __name__` blocks, unused imports
/// of modules outside the language) is dropped, each with its reason.
struct ModelClosure {
  var reply: ParsedModule
  var parents: [ParsedModule]
  /// The class that defines the network when the reply has one of that name.
  var modelClassName = "Model"

  /// A kept statement and where it comes from (nil: the reply; otherwise a parent's index).
  private struct Kept: Hashable {
    var parent: Int?
    var index: Int
  }

  func extract() -> ProgramExtraction {
    guard let root = rootIndex() else {
      var message = "the reply defines no model (no nn.Module class and no `model = ...`)"
      if let cut = reply.cut {
        message += "; it stops parsing at \(cut.error.location): \(cut.error.message)"
        return ProgramExtraction(
          code: nil, dropped: cutDrop().map { [$0] } ?? [],
          failure: ExtractionFailure(message, line: cut.error.location.line, column: cut.error.location.column))
      }
      return ProgramExtraction(code: nil, failure: ExtractionFailure(message))
    }
    let kept = reach(from: root)
    var dropped: [DroppedStatement] = []
    for (index, item) in reply.items.enumerated() where !kept.contains(Kept(parent: nil, index: index)) {
      let names = Set(NameReferences.defined(by: item.statement))
      let replaced = kept.contains { entry in
        entry.parent == nil && entry.index > index
          && !names.isDisjoint(with: NameReferences.defined(by: reply.items[entry.index].statement))
      }
      dropped.append(
        DroppedStatement(
          line: item.statement.location.line, statement: Self.summary(item.text),
          reason: replaced ? "replaced by a later definition" : dropReason(item.statement)))
    }
    if let cutDrop = cutDrop() { dropped.append(cutDrop) }
    return assemble(kept: kept, root: root, dropped: dropped)
  }

  // MARK: - The model

  /// The statement that defines the network: class `Model`, else a module-level `model = SomeClass(...)`, else the
  /// last class deriving from a `Module`.
  private func rootIndex() -> Int? {
    let items = reply.items
    if let index = items.lastIndex(where: { Self.className($0.statement) == modelClassName }) { return index }
    let classNames = Set(items.compactMap { Self.className($0.statement) })
    if let index = items.lastIndex(where: { item in
      guard case .assign(let targets, let value) = item.statement.kind,
        targets.contains(where: { $0.kind == .name("model") }),
        case .call(let function, _) = value.kind, case .name(let called) = function.kind
      else { return false }
      return classNames.contains(called)
    }) {
      return index
    }
    let moduleClasses = Set(reply.program.moduleClassNames)
    return items.lastIndex { item in
      guard case .classDefinition(let definition) = item.statement.kind else { return false }
      return moduleClasses.contains(definition.name)
        || definition.bases.contains { base in
          if case .attribute(_, "Module") = base.kind { return true }
          return base.kind == .name("Module")
        }
    }
  }

  /// Every statement the model reaches, following names through the reply first, then through the parents in
  /// prompt order. Allowed imports of the reply are always kept.
  private func reach(from root: Int) -> Set<Kept> {
    var kept: Set<Kept> = [Kept(parent: nil, index: root)]
    for (index, item) in reply.items.enumerated() where Self.isAllowedImport(item.statement) {
      kept.insert(Kept(parent: nil, index: index))
    }
    var queue = Array(kept)
    var seenNames: Set<String> = []
    while let next = queue.popLast() {
      let statement = item(next).statement
      for name in NameReferences.referenced(in: [statement]).subtracting(seenNames).sorted() {
        seenNames.insert(name)
        for definition in definitions(of: name) where !kept.contains(definition) {
          kept.insert(definition)
          queue.append(definition)
        }
      }
    }
    return kept
  }

  /// The statements that define `name`: all of the reply's (a later one wins when the program runs), or else the
  /// first parent's that defines it.
  private func definitions(of name: String) -> [Kept] {
    let own = reply.items.indices.filter { NameReferences.defined(by: reply.items[$0].statement).contains(name) }
    if let last = own.last {
      // A class or function defined again replaces the earlier one when the program runs: only the last counts.
      switch reply.items[last].statement.kind {
      case .classDefinition, .functionDefinition: return [Kept(parent: nil, index: last)]
      default: return own.map { Kept(parent: nil, index: $0) }
      }
    }
    for (parent, module) in parents.enumerated() {
      let found = module.items.indices.filter { NameReferences.defined(by: module.items[$0].statement).contains(name) }
      if !found.isEmpty { return found.map { Kept(parent: parent, index: $0) } }
    }
    return []
  }

  private func item(_ kept: Kept) -> ParsedModule.Item {
    kept.parent.map { parents[$0].items[kept.index] } ?? reply.items[kept.index]
  }

  // MARK: - Output

  /// The program: imports (each once), then the carried definitions, then the reply's kept statements in order,
  /// with the model class last when it is chosen as the last `Module` class.
  private func assemble(kept: Set<Kept>, root: Int, dropped: [DroppedStatement]) -> ProgramExtraction {
    let ordered = kept.sorted { ($0.parent ?? -1, $0.index) < ($1.parent ?? -1, $1.index) }
    var imports: [String] = []
    var carriedCode: [String] = []
    var ownCode: [String] = []
    var carried: [CarriedDefinition] = []
    for entry in ordered {
      let item = item(entry)
      let isImport = Self.isImport(item.statement)
      if isImport {
        if !imports.contains(item.text) { imports.append(item.text) }
      } else if entry.parent == nil {
        ownCode.append(item.text)
      } else {
        carriedCode.append(item.text)
      }
      if let parent = entry.parent {
        for name in NameReferences.defined(by: item.statement) {
          carried.append(CarriedDefinition(name: name, kind: Self.kind(of: item.statement), parent: parent))
        }
      }
    }
    let rootText = reply.items[root].text
    let rootIsModel = Self.className(reply.items[root].statement) == modelClassName
    if !rootIsModel, case .classDefinition = reply.items[root].statement.kind,
      let position = ownCode.lastIndex(of: rootText)
    {
      ownCode.remove(at: position)
      ownCode.append(rootText)
    }
    let body = (carriedCode + ownCode).joined(separator: "\n\n\n")
    let code = imports.joined(separator: "\n") + (imports.isEmpty ? "" : "\n\n\n") + body + "\n"
    return ProgramExtraction(code: code, dropped: dropped, carried: carried)
  }

  // MARK: - Reasons

  private func cutDrop() -> DroppedStatement? {
    guard let cut = reply.cut else { return nil }
    return DroppedStatement(
      line: cut.line, statement: "line \(cut.line) to the end",
      reason: "does not parse (\(cut.error.location): \(cut.error.message))")
  }

  private func dropReason(_ statement: Statement) -> String {
    switch statement.kind {
    case .ifStatement(let branches, _)
    where NameReferences.referenced(in: [
      Statement(.expression(branches[0].test), at: statement.location)
    ]).contains("__name__"):
      return "an `if __name__` block"
    case .importModules, .importFrom: return "an unused import of a module outside the language"
    default: return "not used by the model"
    }
  }

  static func summary(_ text: String) -> String {
    let first = text.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? ""
    return first.count > 72 ? String(first.prefix(69)) + "..." : first
  }

  private static func className(_ statement: Statement) -> String? {
    if case .classDefinition(let definition) = statement.kind { return definition.name }
    return nil
  }

  private static func isImport(_ statement: Statement) -> Bool {
    switch statement.kind {
    case .importModules, .importFrom: return true
    default: return false
    }
  }

  static func isAllowedImport(_ statement: Statement) -> Bool {
    switch statement.kind {
    case .importModules(let names): return names.allSatisfy { Catalog.importableModules.contains($0.name) }
    case .importFrom(let module, let names):
      return Catalog.importableModules.contains(module)
        || names.allSatisfy { Catalog.importableModules.contains(module + "." + $0.name) }
    default: return false
    }
  }

  private static func kind(of statement: Statement) -> String {
    switch statement.kind {
    case .classDefinition: return "class"
    case .functionDefinition: return "function"
    case .importModules, .importFrom: return "import"
    default: return "constant"
    }
  }
}
