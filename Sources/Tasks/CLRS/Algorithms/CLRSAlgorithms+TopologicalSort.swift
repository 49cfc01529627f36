extension CLRSAlgorithms {
  /// Topological sort by depth-first search (`graphs.py` `topological_sort`): finished nodes are chained from
  /// `topo_head` through `topo`.
  static func topologicalSort(_ graph: CLRSGraph) -> CLRSTrajectory {
    let n = graph.nodeCount
    var recorder = CLRSProbeRecorder(.topologicalSort, nodeCount: n)
    recorder.pushInputs(graphInputs(graph))
    var color = [Int](repeating: 0, count: n)
    var topo = Array(0..<n)
    var sPrev = Array(0..<n)
    var topoHead = 0
    var s = 0
    var sLast = 0
    var u = 0
    var v = 0
    func push() {
      recorder.pushHint([
        "topo_h": .pointers(topo), "topo_head_h": .node(topoHead), "color": .categories(color),
        "s_prev": .pointers(sPrev), "s": .node(s), "u": .node(u), "v": .node(v), "s_last": .node(sLast),
      ])
    }
    for source in 0..<n where color[source] == 0 {
      s = source
      sLast = source
      u = source
      v = source
      push()
      while true {
        if color[u] == 0 {
          color[u] = 1
          push()
        }
        for candidate in 0..<n {
          v = candidate
          if graph[u, v] != 0 && color[v] == 0 {
            color[v] = 1
            sPrev[v] = sLast
            sLast = v
            push()
            break
          }
        }
        if sLast == u {
          color[u] = 2
          if color[topoHead] == 2 { topo[u] = topoHead }
          topoHead = u
          push()
          if sPrev[u] == u { break }
          let previous = sPrev[sLast]
          sPrev[sLast] = sLast
          sLast = previous
        }
        u = sLast
      }
    }
    recorder.pushOutputs(["topo": .pointers(topo), "topo_head": .node(topoHead)])
    return recorder.finish()
  }
}
