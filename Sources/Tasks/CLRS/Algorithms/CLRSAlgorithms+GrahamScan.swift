import Foundation

extension CLRSAlgorithms {
  /// Graham scan (`geometry.py` `graham_scan`): the lowest point (`phase` 1), the polar angles about it (2), then
  /// the stack of hull candidates threaded through `stack_prev`, popping (3) and pushing (4) point by point.
  static func grahamScan(x: [Double], y: [Double]) -> CLRSTrajectory {
    let n = x.count
    precondition(y.count == n, "graham_scan: \(n) x values and \(y.count) y values")
    var recorder = CLRSProbeRecorder(.grahamScan, nodeCount: n)
    recorder.pushInputs(["pos": .scalars(linearPos(n)), "x": .scalars(x), "y": .scalars(y)])
    var inHull = [Double](repeating: 0, count: n)
    var stackPrev = Array(0..<n)
    var atans = [Double](repeating: 0, count: n)
    var best = 0
    var lastStack = 0
    func push(current: Int, phase: Int) {
      recorder.pushHint([
        "best": .node(best), "atans": .scalars(atans), "in_hull_h": .scalars(inHull),
        "stack_prev": .pointers(stackPrev),
        "last_stack": .node(lastStack), "i": .node(current), "phase": .category(phase),
      ])
    }
    push(current: 0, phase: 0)
    for i in 0..<n where y[i] < y[best] || (y[i] == y[best] && x[i] < x[best]) { best = i }
    inHull[best] = 1
    lastStack = best
    push(current: best, phase: 1)
    for i in 0..<n where i != best { atans[i] = atan2(y[i] - y[best], x[i] - x[best]) }
    atans[best] = -123_456_789
    let order = argsort(atans)
    atans[best] = 0
    push(current: best, phase: 2)
    // The reference's `counter_clockwise` (true for a clockwise or straight turn i → j → k).
    func turnsClockwise(_ i: Int, _ j: Int, _ k: Int) -> Bool {
      (x[j] - x[i]) * (y[k] - y[i]) - (y[j] - y[i]) * (x[k] - x[i]) <= 0
    }
    for rank in 1..<max(1, n) {
      let point = order[rank]
      if rank >= 3 {
        while turnsClockwise(stackPrev[lastStack], lastStack, point) {
          let popped = lastStack
          lastStack = stackPrev[lastStack]
          stackPrev[popped] = popped
          inHull[popped] = 0
          push(current: point, phase: 3)
        }
      }
      inHull[point] = 1
      stackPrev[point] = lastStack
      lastStack = point
      push(current: point, phase: 4)
    }
    recorder.pushOutputs(["in_hull": .scalars(inHull)])
    return recorder.finish()
  }
}
