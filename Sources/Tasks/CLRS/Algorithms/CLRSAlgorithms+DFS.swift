extension CLRSAlgorithms {
  /// Depth-first search (`graphs.py` `dfs`): an explicit stack threaded through `s_prev`, a hint at every colour
  /// change, discovery and finish.
  static func dfs(_ graph: CLRSGraph) -> CLRSTrajectory {
    let n = graph.nodeCount
    var recorder = CLRSProbeRecorder(.dfs, graph: graph)
    var color = [Int](repeating: 0, count: n)
    var pi = Array(0..<n)
    var d = [Double](repeating: 0, count: n)
    var f = [Double](repeating: 0, count: n)
    var time = 0.0
    var stack = DepthFirstStack(nodeCount: n)
    stack.walk(
      graph, isWhite: { color[$0] == 0 }, shouldDiscover: { color[$0] == 0 || d[$0] == 0.0 },
      discover: { u in
        time += 0.01
        d[u] = time
        color[u] = 1
      },
      descend: { u, v in
        pi[v] = u
        color[v] = 1
      },
      finish: { u in
        color[u] = 2
        time += 0.01
        f[u] = time
      },
      hint: { stack in
        recorder.pushHint(
          stack.hints(with: [
            "pi_h": .pointers(pi), "color": .categories(color), "d": .scalars(d), "f": .scalars(f),
            "time": .scalar(time),
          ]))
      })
    recorder.pushOutputs(["pi": .pointers(pi)])
    return recorder.finish()
  }
}
