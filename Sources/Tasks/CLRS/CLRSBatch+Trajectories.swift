extension CLRSBatch {
  /// Batches run.py-layout trajectories of one algorithm and one graph size as dm-clrs's `_batch_io` and
  /// `_batch_hints` do: inputs and outputs stacked to `[B, …]`, hints to `[T, B, …]` with steps past a sample's
  /// length zero, T = max(`paddedHintLength`, the longest sample). Masks stay implicit in `hintLengths`.
  public init(trajectories: [CLRSTrajectory], paddedHintLength: Int = 0) {
    precondition(!trajectories.isEmpty, "an empty CLRS batch")
    let first = trajectories[0]
    precondition(first.layout == .runPy, "batch run.py-layout trajectories (CLRSRunPyTransform.apply)")
    for trajectory in trajectories {
      precondition(
        trajectory.algorithm == first.algorithm && trajectory.nodeCount == first.nodeCount
          && trajectory.layout == first.layout, "a CLRS batch mixes algorithms, layouts or graph sizes")
    }
    let lengths = trajectories.map(\.hintLength)
    let padded = Swift.max(paddedHintLength, lengths.max()!)
    func stacked(_ stage: KeyPath<CLRSTrajectory, [CLRSProbeArray]>) -> [CLRSProbeArray] {
      first[keyPath: stage].indices.map { probe in
        let template = first[keyPath: stage][probe]
        var values: [Float] = []
        values.reserveCapacity(template.values.count * trajectories.count)
        for trajectory in trajectories { values += trajectory[keyPath: stage][probe].values }
        return CLRSProbeArray(spec: template.spec, shape: [trajectories.count] + template.shape, values: values)
      }
    }
    let hints = first.hints.indices.map { probe in
      Self.paddedHints(trajectories.map { $0.hints[probe] }, lengths: lengths, paddedLength: padded)
    }
    self.init(
      algorithm: first.algorithm.spec, batchSize: trajectories.count, nodeCount: first.nodeCount,
      hintLengths: lengths, inputs: stacked(\.inputs), hints: hints, outputs: stacked(\.outputs))
  }

  /// One hint probe of every sample, `[T_b, …]` each, as `[T, B, …]` with zeros past each sample's length.
  private static func paddedHints(_ arrays: [CLRSProbeArray], lengths: [Int], paddedLength: Int) -> CLRSProbeArray {
    let perStep = arrays[0].elementsPerStep
    let batch = arrays.count
    var values = [Float](repeating: 0, count: paddedLength * batch * perStep)
    values.withUnsafeMutableBufferPointer { out in
      for (sample, array) in arrays.enumerated() {
        array.values.withUnsafeBufferPointer { source in
          for step in 0..<lengths[sample] {
            let target = (step * batch + sample) * perStep
            for k in 0..<perStep { out[target + k] = source[step * perStep + k] }
          }
        }
      }
    }
    return CLRSProbeArray(
      spec: arrays[0].spec, shape: [paddedLength, batch] + arrays[0].shape.dropFirst(), values: values)
  }

  /// Sample `index` of the batch as an unbatched trajectory (hints cut to its own length).
  public func trajectory(at index: Int, algorithm: CLRSAlgorithm) -> CLRSTrajectory {
    precondition(index >= 0 && index < batchSize, "sample \(index) of a batch of \(batchSize)")
    func unstacked(_ array: CLRSProbeArray) -> CLRSProbeArray {
      let per = array.values.count / batchSize
      return CLRSProbeArray(
        spec: array.spec, shape: Array(array.shape.dropFirst()),
        values: Array(array.values[(index * per)..<((index + 1) * per)]))
    }
    let length = hintLengths[index]
    let hints = self.hints.map { array -> CLRSProbeArray in
      let perStep = array.shape.dropFirst(2).reduce(1, *)
      var values: [Float] = []
      values.reserveCapacity(length * perStep)
      for step in 0..<length {
        let start = (step * batchSize + index) * perStep
        values += array.values[start..<(start + perStep)]
      }
      return CLRSProbeArray(spec: array.spec, shape: [length] + array.shape.dropFirst(2), values: values)
    }
    return CLRSTrajectory(
      algorithm: algorithm, layout: .runPy, nodeCount: nodeCount, hintLength: length,
      inputs: inputs.map(unstacked), hints: hints, outputs: outputs.map(unstacked))
  }
}
