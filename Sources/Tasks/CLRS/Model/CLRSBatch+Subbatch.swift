extension CLRSBatch {
  /// The samples `range` of this batch as a batch of their own, hints still padded to this batch's length.
  public func subbatch(samples range: Range<Int>) -> CLRSBatch {
    precondition(range.lowerBound >= 0 && range.upperBound <= batchSize && !range.isEmpty, "samples \(range)")
    func rows(_ array: CLRSProbeArray, batchAxis: Int) -> CLRSProbeArray {
      let outer = array.shape[..<batchAxis].reduce(1, *)
      let perSample = array.shape[(batchAxis + 1)...].reduce(1, *)
      var values: [Float] = []
      values.reserveCapacity(outer * range.count * perSample)
      for o in 0..<outer {
        let start = (o * batchSize + range.lowerBound) * perSample
        values += array.values[start..<(start + range.count * perSample)]
      }
      var shape = array.shape
      shape[batchAxis] = range.count
      return CLRSProbeArray(spec: array.spec, shape: shape, values: values)
    }
    return CLRSBatch(
      algorithm: algorithm, batchSize: range.count, nodeCount: nodeCount, hintLengths: Array(hintLengths[range]),
      inputs: inputs.map { rows($0, batchAxis: 0) }, hints: hints.map { rows($0, batchAxis: 1) },
      outputs: outputs.map { rows($0, batchAxis: 0) })
  }
}
