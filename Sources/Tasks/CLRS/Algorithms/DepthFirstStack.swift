/// The explicit stack the reference's depth-first searches thread through `s_prev`, with the cursor (`s`, `u`, `v`,
/// `s_last`) their hints record: DFS, topological sort and articulation points walk a graph the same way.
struct DepthFirstStack {
  var sPrev: [Int]
  var s = 0
  var sLast = 0
  var u = 0
  var v = 0

  init(nodeCount n: Int) {
    sPrev = Array(0..<n)
  }

  /// Starts a new tree at `source`.
  mutating func start(at source: Int) {
    s = source
    sLast = source
    u = source
    v = source
  }

  /// Puts `node`, just discovered from `u`, on top of the stack.
  mutating func push(_ node: Int) {
    sPrev[node] = sLast
    sLast = node
  }

  /// Takes the finished top (`u`) off the stack; false when it is the tree's root, whose walk is then over.
  mutating func pop() -> Bool {
    if sPrev[u] == u { return false }
    let previous = sPrev[sLast]
    sPrev[sLast] = sLast
    sLast = previous
    return true
  }

  /// The hints about the stack, with an algorithm's own `hints`.
  func hints(with hints: [String: CLRSProbeValue]) -> [String: CLRSProbeValue] {
    hints.merging(["s_prev": .pointers(sPrev), "s": .node(s), "u": .node(u), "v": .node(v), "s_last": .node(sLast)]) {
      own, _ in own
    }
  }

  /// The walk the three searches share, as the reference writes it: trees from each node still white (`isWhite`)
  /// in order; at the top `u` of the stack, `discover(u)` when `shouldDiscover(u)`; then the first white neighbour
  /// `v` goes on the stack after `descend(u, v)`, and each non-white neighbour before it meets `otherEdge(u, v)`,
  /// which says whether it changed anything; with no white neighbour left, `finish(u)` and `u` comes off.
  /// `hint` records the stack and the algorithm's state after each tree start and each change.
  mutating func walk(
    _ graph: CLRSGraph, isWhite: (Int) -> Bool, shouldDiscover: (Int) -> Bool, discover: (Int) -> Void,
    descend: (_ u: Int, _ v: Int) -> Void, otherEdge: (_ u: Int, _ v: Int) -> Bool = { _, _ in false },
    finish: (Int) -> Void, hint: (DepthFirstStack) -> Void
  ) {
    let n = graph.nodeCount
    for source in 0..<n where isWhite(source) {
      start(at: source)
      hint(self)
      while true {
        let u = self.u
        if shouldDiscover(u) {
          discover(u)
          hint(self)
        }
        // Python's loop variable outlives the loop: after a full pass `v` is N-1.
        for v in 0..<n {
          self.v = v
          guard graph[u, v] != 0 else { continue }
          if isWhite(v) {
            descend(u, v)
            push(v)
            hint(self)
            break
          } else if otherEdge(u, v) {
            hint(self)
          }
        }
        if sLast == u {
          finish(u)
          hint(self)
          if !pop() { break }
        }
        self.u = sLast
      }
    }
  }
}
