extension CLRSAlgorithms {
  /// Breadth-first search (`graphs.py` `bfs`): one hint per frontier expansion, until the reached set is stable.
  static func bfs(_ graph: CLRSGraph, source: Int) -> CLRSTrajectory {
    let n = graph.nodeCount
    var recorder = CLRSProbeRecorder(.bfs, graph: graph, source: source)
    var reach = [Double](repeating: 0, count: n)
    var pi = Array(0..<n)
    reach[source] = 1
    while true {
      let previousReach = reach
      recorder.pushHint(["reach_h": .scalars(previousReach), "pi_h": .pointers(pi)])
      for i in 0..<n where previousReach[i] == 1 {
        for j in 0..<n where graph[i, j] > 0 {
          if pi[j] == j && j != source { pi[j] = i }
          reach[j] = 1
        }
      }
      if reach == previousReach { break }
    }
    recorder.pushOutputs(["pi": .pointers(pi)])
    return recorder.finish()
  }
}
