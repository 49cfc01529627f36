extension CLRSAlgorithms {
  /// Depth-first search (`graphs.py` `dfs`): an explicit stack threaded through `s_prev`, a hint at every colour
  /// change, discovery and finish.
  static func dfs(_ graph: CLRSGraph) -> CLRSTrajectory {
    let n = graph.nodeCount
    var recorder = CLRSProbeRecorder(.dfs, nodeCount: n)
    recorder.pushInputs(graphInputs(graph))
    var color = [Int](repeating: 0, count: n)
    var pi = Array(0..<n)
    var d = [Double](repeating: 0, count: n)
    var f = [Double](repeating: 0, count: n)
    var sPrev = Array(0..<n)
    var time = 0.0
    var s = 0
    var sLast = 0
    var u = 0
    var v = 0
    func push() {
      recorder.pushHint([
        "pi_h": .pointers(pi), "color": .categories(color), "d": .scalars(d), "f": .scalars(f),
        "s_prev": .pointers(sPrev), "s": .node(s), "u": .node(u), "v": .node(v), "s_last": .node(sLast),
        "time": .scalar(time),
      ])
    }
    for source in 0..<n where color[source] == 0 {
      s = source
      sLast = source
      u = source
      v = source
      push()
      while true {
        if color[u] == 0 || d[u] == 0.0 {
          time += 0.01
          d[u] = time
          color[u] = 1
          push()
        }
        // Python's loop variable outlives the loop: after a full pass `v` is N-1.
        for candidate in 0..<n {
          v = candidate
          if graph[u, v] != 0 && color[v] == 0 {
            pi[v] = u
            color[v] = 1
            sPrev[v] = sLast
            sLast = v
            push()
            break
          }
        }
        if sLast == u {
          color[u] = 2
          time += 0.01
          f[u] = time
          push()
          if sPrev[u] == u { break }
          let previous = sPrev[sLast]
          sPrev[sLast] = sLast
          sLast = previous
        }
        u = sLast
      }
    }
    recorder.pushOutputs(["pi": .pointers(pi)])
    return recorder.finish()
  }
}
