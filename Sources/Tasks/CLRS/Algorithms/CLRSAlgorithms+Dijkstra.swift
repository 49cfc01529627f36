extension CLRSAlgorithms {
  /// Dijkstra (`graphs.py` `dijkstra`): N rounds of extract-min over the queued nodes, a hint after each.
  static func dijkstra(_ graph: CLRSGraph, source: Int) -> CLRSTrajectory {
    let n = graph.nodeCount
    var recorder = CLRSProbeRecorder(.dijkstra, graph: graph, source: source)
    var d = [Double](repeating: 0, count: n)
    var mark = [Double](repeating: 0, count: n)
    var inQueue = [Double](repeating: 0, count: n)
    var pi = Array(0..<n)
    inQueue[source] = 1
    func push(_ u: Int) {
      recorder.pushHint([
        "pi_h": .pointers(pi), "d": .scalars(d), "mark": .scalars(mark), "in_queue": .scalars(inQueue), "u": .node(u),
      ])
    }
    push(source)
    for _ in 0..<n {
      // The reference's `argsort(d + (1 - in_queue) * 1e9)[0]`: the queued node of least distance.
      let keys = (0..<n).map { d[$0] + (1 - inQueue[$0]) * 1e9 }
      let u = argmin(keys)
      if inQueue[u] == 0 { break }
      mark[u] = 1
      inQueue[u] = 0
      for v in 0..<n where graph[u, v] != 0 {
        if mark[v] == 0 && (inQueue[v] == 0 || d[u] + graph[u, v] < d[v]) {
          pi[v] = u
          d[v] = d[u] + graph[u, v]
          inQueue[v] = 1
        }
      }
      push(u)
    }
    recorder.pushOutputs(["pi": .pointers(pi)])
    return recorder.finish()
  }

  /// The first index of the least value (numpy's `argmin`).
  static func argmin(_ values: [Double]) -> Int {
    var best = 0
    for index in values.indices where values[index] < values[best] { best = index }
    return best
  }

  /// The indices that sort `values` ascending, ties in index order (numpy's `argsort` of distinct values).
  static func argsort(_ values: [Double]) -> [Int] {
    values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
  }
}
