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
    func push() {
      recorder.pushHint(
        stack.hints(with: ["topo_h": .pointers(topo), "topo_head_h": .node(topoHead), "color": .categories(color)]))
    }
    for source in 0..<n where color[source] == 0 {
      stack.start(at: source)
      push()
      while true {
        let u = stack.u
        if color[u] == 0 {
          color[u] = 1
          push()
        }
        for v in 0..<n {
          stack.v = v
          if graph[u, v] != 0 && color[v] == 0 {
            color[v] = 1
            stack.push(v)
            push()
            break
          }
        }
        if stack.sLast == u {
          color[u] = 2
          if color[topoHead] == 2 { topo[u] = topoHead }
          topoHead = u
          push()
          if !stack.pop() { break }
        }
        stack.u = stack.sLast
      }
    }
    recorder.pushOutputs(["topo": .pointers(topo), "topo_head": .node(topoHead)])
    return recorder.finish()
  }
}
