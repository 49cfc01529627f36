extension CLRSAlgorithms {
  /// Bellman-Ford (`graphs.py` `bellman_ford`): synchronous relaxation rounds from the nodes reached so far, until
  /// no distance changes.
  static func bellmanFord(_ graph: CLRSGraph, source: Int) -> CLRSTrajectory {
    let n = graph.nodeCount
    var recorder = CLRSProbeRecorder(.bellmanFord, graph: graph, source: source)
    var d = [Double](repeating: 0, count: n)
    var pi = Array(0..<n)
    var reached = [Double](repeating: 0, count: n)
    reached[source] = 1
    while true {
      let previousD = d
      let previousReached = reached
      recorder.pushHint(["pi_h": .pointers(pi), "d": .scalars(previousD), "msk": .scalars(previousReached)])
      for u in 0..<n where previousReached[u] == 1 {
        for v in 0..<n where graph[u, v] != 0 {
          if reached[v] == 0 || previousD[u] + graph[u, v] < d[v] {
            d[v] = previousD[u] + graph[u, v]
            pi[v] = u
          }
          reached[v] = 1
        }
      }
      if d == previousD { break }
    }
    recorder.pushOutputs(["pi": .pointers(pi)])
    return recorder.finish()
  }
}
