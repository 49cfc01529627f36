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
}
