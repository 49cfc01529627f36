extension CLRSAlgorithms {
  /// Topological sort by depth-first search (`graphs.py` `topological_sort`): finished nodes are chained from
  /// `topo_head` through `topo`.
  static func topologicalSort(_ graph: CLRSGraph) -> CLRSTrajectory {
    let n = graph.nodeCount
    var recorder = CLRSProbeRecorder(.topologicalSort, graph: graph)
    var color = [Int](repeating: 0, count: n)
    var topo = Array(0..<n)
    var topoHead = 0
    var stack = DepthFirstStack(nodeCount: n)
    stack.walk(
      graph, isWhite: { color[$0] == 0 }, shouldDiscover: { color[$0] == 0 }, discover: { color[$0] = 1 },
      descend: { _, v in color[v] = 1 },
      finish: { u in
        color[u] = 2
        if color[topoHead] == 2 { topo[u] = topoHead }
        topoHead = u
      },
      hint: { stack in
        recorder.pushHint(
          stack.hints(with: ["topo_h": .pointers(topo), "topo_head_h": .node(topoHead), "color": .categories(color)]))
      })
    recorder.pushOutputs(["topo": .pointers(topo), "topo_head": .node(topoHead)])
    return recorder.finish()
  }
}
