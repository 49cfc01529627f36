extension CLRSAlgorithms {
  /// Articulation points (`graphs.py` `articulation_points`): depth-first search with discovery times and low
  /// links; a hint also at every back edge.
  static func articulationPoints(_ graph: CLRSGraph) -> CLRSTrajectory {
    let n = graph.nodeCount
    var recorder = CLRSProbeRecorder(.articulationPoints, nodeCount: n)
    recorder.pushInputs(graphInputs(graph))
    var state = DepthFirstLowLinks(nodeCount: n)
    var s = 0
    var sLast = 0
    var u = 0
    var v = 0
    func push() {
      recorder.pushHint([
        "is_cut_h": .scalars(state.isCut), "pi_h": .pointers(state.pi), "color": .categories(state.color),
        "d": .scalars(state.d), "f": .scalars(state.f), "low": .scalars(state.low),
        "child_cnt": .scalars(state.childCount), "s_prev": .pointers(state.sPrev), "s": .node(s), "u": .node(u),
        "v": .node(v), "s_last": .node(sLast), "time": .scalar(state.time),
      ])
    }
    for source in 0..<n where state.color[source] == 0 {
      s = source
      sLast = source
      u = source
      v = source
      push()
      while true {
        if state.color[u] == 0 || state.d[u] == 0.0 {
          state.discover(u)
          push()
        }
        for candidate in 0..<n {
          v = candidate
          guard graph[u, v] != 0 else { continue }
          if state.color[v] == 0 {
            state.descend(from: u, to: v, sLast: sLast)
            sLast = v
            push()
            break
          } else if v != state.pi[u] {
            state.low[u] = min(state.low[u], state.d[v])
            push()
          }
        }
        if sLast == u {
          state.finish(u)
          push()
          if state.sPrev[u] == u { break }
          let previous = state.sPrev[sLast]
          state.sPrev[sLast] = sLast
          sLast = previous
        }
        u = sLast
      }
    }
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
  var sPrev: [Int]
  var low: [Double]
  var childCount: [Double]
  var isCut: [Double]
  var time = 0.0

  init(nodeCount n: Int) {
    color = [Int](repeating: 0, count: n)
    pi = Array(0..<n)
    d = [Double](repeating: 0, count: n)
    f = d
    sPrev = pi
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

  mutating func descend(from u: Int, to v: Int, sLast: Int) {
    pi[v] = u
    color[v] = 1
    sPrev[v] = sLast
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
