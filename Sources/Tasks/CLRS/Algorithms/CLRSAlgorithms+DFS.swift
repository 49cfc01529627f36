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
    func push() {
      recorder.pushHint(
        stack.hints(with: [
          "pi_h": .pointers(pi), "color": .categories(color), "d": .scalars(d), "f": .scalars(f), "time": .scalar(time),
        ]))
    }
    for source in 0..<n where color[source] == 0 {
      stack.start(at: source)
      push()
      while true {
        let u = stack.u
        if color[u] == 0 || d[u] == 0.0 {
          time += 0.01
          d[u] = time
          color[u] = 1
          push()
        }
        // Python's loop variable outlives the loop: after a full pass `v` is N-1.
        for v in 0..<n {
          stack.v = v
          if graph[u, v] != 0 && color[v] == 0 {
            pi[v] = u
            color[v] = 1
            stack.push(v)
            push()
            break
          }
        }
        if stack.sLast == u {
          color[u] = 2
          time += 0.01
          f[u] = time
          push()
          if !stack.pop() { break }
        }
        stack.u = stack.sLast
      }
    }
    recorder.pushOutputs(["pi": .pointers(pi)])
    return recorder.finish()
  }
}
