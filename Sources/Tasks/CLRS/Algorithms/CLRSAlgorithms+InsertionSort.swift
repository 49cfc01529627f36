extension CLRSAlgorithms {
  /// Insertion sort (`sorting.py` `insertion_sort`): one hint per inserted key; `pred_h` is the sorted prefix as
  /// predecessor pointers.
  static func insertionSort(_ keys: [Double]) -> CLRSTrajectory {
    let n = keys.count
    var recorder = CLRSProbeRecorder(.insertionSort, nodeCount: n)
    recorder.pushInputs(["pos": .scalars(linearPos(n)), "key": .scalars(keys)])
    var values = keys
    var positions = Array(0..<n)
    recorder.pushHint(["pred_h": .pointers(predecessors(positions)), "i": .node(0), "j": .node(0)])
    for j in 1..<max(1, n) {
      let key = values[j]
      var i = j - 1
      while i >= 0 && values[i] > key {
        values[i + 1] = values[i]
        positions[i + 1] = positions[i]
        i -= 1
      }
      values[i + 1] = key
      let stored = positions[i + 1]
      positions[i + 1] = j
      recorder.pushHint(["pred_h": .pointers(predecessors(positions)), "i": .node(stored), "j": .node(j)])
    }
    recorder.pushOutputs(["pred": .pointers(predecessors(positions))])
    return recorder.finish()
  }

  /// `probing.array`: each node points to the node before it in `order`; the first points to itself.
  static func predecessors(_ order: [Int]) -> [Int] {
    var pointers = Array(0..<order.count)
    for i in order.indices.dropFirst() { pointers[order[i]] = order[i - 1] }
    return pointers
  }
}
