extension CLRSAlgorithms {
  /// Articulation points (`graphs.py` `articulation_points`): depth-first search with discovery times and low
  /// links; a hint also at every back edge.
  static func articulationPoints(_ graph: CLRSGraph) -> CLRSTrajectory {
    let n = graph.nodeCount
    var recorder = CLRSProbeRecorder(.articulationPoints, graph: graph)
    var state = DepthFirstLowLinks(nodeCount: n)
    var stack = DepthFirstStack(nodeCount: n)
    stack.walk(
      graph, isWhite: { state.color[$0] == 0 }, shouldDiscover: { state.color[$0] == 0 || state.d[$0] == 0.0 },
      discover: { state.discover($0) }, descend: { state.descend(from: $0, to: $1) },
      otherEdge: { u, v in
        // A back edge lowers u's low link (the edge to u's parent is the tree edge, walked the other way).
        guard v != state.pi[u] else { return false }
        state.low[u] = min(state.low[u], state.d[v])
        return true
      },
      finish: { state.finish($0) },
      hint: { stack in
        recorder.pushHint(
          stack.hints(with: [
            "is_cut_h": .scalars(state.isCut), "pi_h": .pointers(state.pi), "color": .categories(state.color),
            "d": .scalars(state.d), "f": .scalars(state.f), "low": .scalars(state.low),
            "child_cnt": .scalars(state.childCount), "time": .scalar(state.time),
          ]))
      })
    recorder.pushOutputs(["is_cut": .scalars(state.isCut)])
    return recorder.finish()
  }
}

/// The per-node state of the articulation-points search (times step by 0.01, as in the reference).
private struct DepthFirstLowLinks {
  var color: [Int]
  var pi: [Int]
  var d: [Double]
  var f: [Double]
  var low: [Double]
  var childCount: [Double]
  var isCut: [Double]
  var time = 0.0

  init(nodeCount n: Int) {
    color = [Int](repeating: 0, count: n)
    pi = Array(0..<n)
    d = [Double](repeating: 0, count: n)
    f = d
    low = d
    childCount = d
    isCut = d
  }

  mutating func discover(_ u: Int) {
    time += 0.01
    d[u] = time
    low[u] = time
    color[u] = 1
  }

  mutating func descend(from u: Int, to v: Int) {
    pi[v] = u
    color[v] = 1
    childCount[u] += 0.01
  }

  mutating func finish(_ u: Int) {
    color[u] = 2
    time += 0.01
    f[u] = time
    for v in pi.indices where pi[v] == u {
      low[u] = min(low[u], low[v])
      if pi[u] != u && low[v] >= d[u] { isCut[u] = 1 }
    }
    if pi[u] == u && childCount[u] > 0.01 { isCut[u] = 1 }
  }
}
