extension CLRSAlgorithms {
  /// Activity selection (`greedy.py` `activity_selector`): by increasing finish time, keep each activity that starts
  /// after the last kept one finishes.
  static func activitySelector(start: [Double], finish: [Double]) -> CLRSTrajectory {
    let n = start.count
    precondition(finish.count == n, "activity_selector: \(n) starts and \(finish.count) finishes")
    var recorder = CLRSProbeRecorder(.activitySelector, nodeCount: n)
    recorder.pushInputs(["pos": .scalars(linearPos(n)), "s": .scalars(start), "f": .scalars(finish)])
    let pred = predecessors(Array(0..<n))
    var selected = [Double](repeating: 0, count: n)
    func push(m: Int, k: Int) {
      recorder.pushHint(["pred_h": .pointers(pred), "selected_h": .scalars(selected), "m": .node(m), "k": .node(k)])
    }
    push(m: 0, k: 0)
    let order = argsort(finish)
    selected[order[0]] = 1
    var k = order[0]
    push(m: order[0], k: k)
    for m in 1..<max(1, n) {
      if start[order[m]] >= finish[k] {
        selected[order[m]] = 1
        k = order[m]
      }
      push(m: order[m], k: k)
    }
    recorder.pushOutputs(["selected": .scalars(selected)])
    return recorder.finish()
  }
}
