extension CLRSAlgorithms {
  /// Kruskal's minimum spanning tree (`graphs.py` `mst_kruskal`): edges by increasing weight, each joined by a
  /// union-find whose path compression is shown step by step (`phase` 1 while finding u's root, 2 for v's, 0 after
  /// the union).
  static func mstKruskal(_ graph: CLRSGraph) -> CLRSTrajectory {
    let n = graph.nodeCount
    var recorder = CLRSProbeRecorder(.mstKruskal, graph: graph)
    var pi = Array(0..<n)
    var inMST = [Double](repeating: 0, count: n * n)
    var u = 0
    var v = 0
    var rootU = 0
    var rootV = 0
    var maskU = [Double](repeating: 0, count: n)
    var maskV = [Double](repeating: 0, count: n)
    func push(phase: Int) {
      recorder.pushHint([
        "in_mst_h": .scalars(inMST), "pi": .pointers(pi), "u": .node(u), "v": .node(v), "root_u": .node(rootU),
        "root_v": .node(rootV), "mask_u": .scalars(maskU), "mask_v": .scalars(maskV), "phase": .category(phase),
      ])
    }
    var edges: [(Int, Int)] = []
    var weights: [Double] = []
    for i in 0..<n {
      for j in (i + 1)..<max(i + 1, n) where graph[i, j] > 0 {
        edges.append((i, j))
        weights.append(graph[i, j])
      }
    }
    push(phase: 0)
    for index in argsort(weights) {
      (u, v) = edges[index]
      rootU = u
      rootV = v
      maskU = [Double](repeating: 0, count: n)
      maskV = maskU
      maskU[u] = 1
      maskV[v] = 1
      push(phase: 1)
      while pi[rootU] != rootU {
        rootU = pi[rootU]
        for i in 0..<n where maskU[i] == 1 { pi[i] = rootU }
        maskU[rootU] = 1
        push(phase: 1)
      }
      while pi[rootV] != rootV {
        rootV = pi[rootV]
        for i in 0..<n where maskV[i] == 1 { pi[i] = rootV }
        maskV[rootV] = 1
        push(phase: 2)
      }
      if rootU != rootV {
        inMST[u * n + v] = 1
        inMST[v * n + u] = 1
        if rootU < rootV { pi[rootU] = rootV } else { pi[rootV] = rootU }
      }
      push(phase: 0)
    }
    recorder.pushOutputs(["in_mst": .scalars(inMST)])
    return recorder.finish()
  }
}
