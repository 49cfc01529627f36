import EvoTensor

/// The heights of the module trees a program builds (a module without children has height 1), kept up to date
/// as modules are registered inside one another.
///
/// A nest deeper than the limit is refused when it is made, however it is made: wrapping
/// (`m = nn.Sequential(m)` in a loop), appending into a container that is already inside another, or a cycle
/// (`a.append(b); b.append(a)`), whose heights grow until they pass the limit. Forward passes, the engine's
/// module walks and freeing the model then never recurse deeper than the limit.
struct ModuleNesting {
  private struct Node {
    /// Kept alive so that its identifier is never reused for another module while it is tracked.
    let module: Module
    var height = 1
    var parents: [ObjectIdentifier] = []
  }

  private var nodes: [ObjectIdentifier: Node] = [:]

  /// Records `child` inside `parent` and raises the heights above it; returns the number of modules whose
  /// height was visited (the work done), or nil when some height would pass `limit`.
  mutating func register(_ child: Module, in parent: Module, limit: Int) -> Int? {
    let childID = track(child)
    let parentID = track(parent)
    if !nodes[childID]!.parents.contains(parentID) { nodes[childID]!.parents.append(parentID) }
    var pending = [(parentID, nodes[childID]!.height + 1)]
    var visited = 0
    while let (id, height) = pending.popLast() {
      visited += 1
      guard height > nodes[id]!.height else { continue }
      if height > limit { return nil }
      nodes[id]!.height = height
      for above in nodes[id]!.parents { pending.append((above, height + 1)) }
    }
    return visited
  }

  private mutating func track(_ module: Module) -> ObjectIdentifier {
    let id = ObjectIdentifier(module)
    if nodes[id] == nil { nodes[id] = Node(module: module) }
    return id
  }
}

extension EngineBackend {
  /// Registers `child` as `name` inside `parent`, refusing a nest deeper than `limits.maximumModuleNesting`.
  func register(_ child: Module, as name: String, in parent: Module, at location: SourceLocation)
    throws(ArchLangError)
  {
    guard let visited = nesting.register(child, in: parent, limit: limits.maximumModuleNesting) else {
      throw ArchLangError(
        .limit,
        "modules are nested more than \(limits.maximumModuleNesting) levels deep (or a module contains itself)",
        at: location)
    }
    try interpreter.work(visited, at: location)
    parent.registerModule(name, child)
  }
}
