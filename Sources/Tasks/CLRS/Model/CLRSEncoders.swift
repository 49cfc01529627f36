import EvoTensor

/// The encoders of a CLRS network (dm-clrs `encoders.py`): one `Linear(H)` per probe, summed into node features
/// `[B, N, H]`, edge features `[B, N, N, H]` and graph features `[B, H]`. A node pointer becomes a one-hot over the
/// nodes and enters the edge features; a graph pointer enters the node features.
///
/// The weights of a location's probes are columns of one matrix, so a location costs one GEMM; biases stay one row
/// per probe (`[probes, H]`), as many as the reference has.
final class CLRSEncoders {
  let layout: CLRSProbeLayout
  let hidden: Int
  /// `[H, columns]` per location for the inputs and for the hints (nil where there are no columns).
  private(set) var inputWeights: [CLRSLocation: Tensor] = [:]
  private(set) var hintWeights: [CLRSLocation: Tensor] = [:]
  /// `[probes, H]` per location: every input and hint probe's bias.
  private(set) var biases: [CLRSLocation: Tensor] = [:]

  init(layout: CLRSProbeLayout, using generator: inout RandomSource) {
    self.layout = layout
    hidden = layout.hidden
    for location in CLRSLocation.allCases {
      inputWeights[location] = Self.weights(
        layout.inputs.filter { $0.target == location }, width: layout.inputWidths[location]!, hidden: hidden,
        using: &generator)
      hintWeights[location] = Self.weights(
        layout.hints.filter { $0.target == location }, width: layout.hintWidths[location]!, hidden: hidden,
        using: &generator)
      let count = layout.biasCounts[location]!
      if count > 0 { biases[location] = Tensor.zeros([count, hidden], requiresGrad: true) }
    }
  }

  /// A `[H, width]` weight whose column blocks are the probes' `[1 or C, H]` haiku weights (transposed).
  private static func weights(
    _ probes: [CLRSProbeLayout.EncodedProbe], width: Int, hidden: Int, using generator: inout RandomSource
  ) -> Tensor? {
    guard width > 0 else { return nil }
    var values = [Float](repeating: 0, count: hidden * width)
    for probe in probes {
      let block = CLRSInitializer.truncatedNormal(
        [probe.width, hidden], stddev: probe.initialStddev, using: &generator)
      let drawn = block.scalars
      for c in 0..<probe.width {
        for h in 0..<hidden { values[h * width + probe.column + c] = drawn[c * hidden + h] }
      }
    }
    return Tensor(values, shape: [hidden, width], requiresGrad: true)
  }

  var parameters: [Tensor] {
    CLRSLocation.allCases.flatMap { [inputWeights[$0], hintWeights[$0], biases[$0]].compactMap { $0 } }
  }

  /// The features of one location before any step: the inputs' encodings plus every probe's bias (the inputs do not
  /// change over time, so this is computed once per batch and added at every step).
  func encodeInputs(_ batch: CLRSBatch) -> [CLRSLocation: Tensor] {
    let shapes = Self.rowShapes(batch)
    let columns = CLRSFeatureColumns.fromArrays(
      layout.inputs, arrays: batch.inputs, step: nil, batch: batch, widths: layout.inputWidths)
    var result: [CLRSLocation: Tensor] = [:]
    for location in CLRSLocation.allCases {
      let biasSum = biases[location].map { $0.sum(dims: [0]) }
      let shape = shapes[location]!
      if let weight = inputWeights[location] {
        let x = Tensor(columns[location]!, shape: shape + [weight.shape[1]])
        result[location] = Tensor.linear(concatenating: [x], weight: weight, bias: biasSum)
      } else if let biasSum {
        result[location] = biasSum.expanded(to: shape + [hidden])
      } else {
        result[location] = Tensor.zeros(shape + [hidden])
      }
    }
    return result
  }

  /// The features at one step: `base` (from `encodeInputs`) plus the encoded hints.
  func encodeHints(_ hints: CLRSHintFeed, base: [CLRSLocation: Tensor], batch: CLRSBatch) -> [CLRSLocation: Tensor] {
    var result = base
    let shapes = Self.rowShapes(batch)
    let columns: [CLRSLocation: Tensor]
    switch hints {
    case .truth(let step):
      let values = CLRSFeatureColumns.fromArrays(
        layout.hints, arrays: batch.hints, step: step, batch: batch, widths: layout.hintWidths)
      var tensors: [CLRSLocation: Tensor] = [:]
      for location in CLRSLocation.allCases where layout.hintWidths[location]! > 0 {
        tensors[location] = Tensor(values[location]!, shape: shapes[location]! + [layout.hintWidths[location]!])
      }
      columns = tensors
    case .soft(let predictions):
      columns = CLRSFeatureColumns.fromPredictions(layout.hints, predictions: predictions)
    }
    for location in CLRSLocation.allCases {
      guard let weight = hintWeights[location], let x = columns[location] else { continue }
      result[location] = Tensor.linear(concatenating: [x], weight: weight, bias: nil, adding: [base[location]!])
    }
    return result
  }

  /// The leading shape of each location's features: `[B, N]`, `[B, N, N]`, `[B]`.
  static func rowShapes(_ batch: CLRSBatch) -> [CLRSLocation: [Int]] {
    let (b, n) = (batch.batchSize, batch.nodeCount)
    return [.node: [b, n], .edge: [b, n, n], .graph: [b]]
  }
}

/// What the encoders read for the hints at a step: the true hints (step 0) or the model's own soft predictions.
enum CLRSHintFeed {
  case truth(step: Int)
  /// One tensor per hint probe, in the spec's order, post-processed "soft" (`CLRSPostprocessing.soft`).
  case soft([Tensor])
}

/// Builds an encoder's input columns from probe values.
enum CLRSFeatureColumns {
  /// Columns from a batch's arrays (time step `step` of hint arrays), as row-major `[rows, width]` values per
  /// location; pointers become one-hots.
  static func fromArrays(
    _ probes: [CLRSProbeLayout.EncodedProbe], arrays: [CLRSProbeArray], step: Int?, batch: CLRSBatch,
    widths: [CLRSLocation: Int]
  ) -> [CLRSLocation: [Float]] {
    let (b, n) = (batch.batchSize, batch.nodeCount)
    let rows: [CLRSLocation: Int] = [.node: b * n, .edge: b * n * n, .graph: b]
    var result: [CLRSLocation: [Float]] = [:]
    for location in CLRSLocation.allCases {
      result[location] = [Float](repeating: 0, count: rows[location]! * widths[location]!)
    }
    for probe in probes {
      let array = arrays[probe.arrayIndex]
      let perStep = array.values.count / (step == nil ? 1 : array.shape[0])
      let start = (step ?? 0) * perStep
      let width = widths[probe.target]!
      array.values.withUnsafeBufferPointer { all in
        let source = UnsafeBufferPointer(rebasing: all[start..<(start + perStep)])
        result[probe.target]!.withUnsafeMutableBufferPointer { target in
          fill(probe, source: source, into: target, width: width, nodeCount: n)
        }
      }
    }
    return result
  }

  private static func fill(
    _ probe: CLRSProbeLayout.EncodedProbe, source: UnsafeBufferPointer<Float>,
    into target: UnsafeMutableBufferPointer<Float>, width: Int, nodeCount n: Int
  ) {
    let spec = probe.spec
    switch (spec.location, spec.type) {
    case (.node, .pointer):
      // One-hot over the receiving node: edge (i, pointer(i)).
      for row in 0..<source.count {
        let (sample, i) = row.quotientAndRemainder(dividingBy: n)
        let j = Int(source[row])
        target[((sample * n + i) * n + j) * width + probe.column] = 1
      }
    case (.graph, .pointer):
      for sample in 0..<source.count {
        target[(sample * n + Int(source[sample])) * width + probe.column] = 1
      }
    default:
      // Values already laid out like the target rows (one value per row, or C for a categorical).
      let rows = source.count / probe.width
      for row in 0..<rows {
        for c in 0..<probe.width { target[row * width + probe.column + c] = source[row * probe.width + c] }
      }
    }
  }

  /// Columns from soft predictions (differentiable), one tensor per location.
  static func fromPredictions(_ probes: [CLRSProbeLayout.EncodedProbe], predictions: [Tensor]) -> [CLRSLocation:
    Tensor]
  {
    var pieces: [CLRSLocation: [Tensor]] = [:]
    for probe in probes {
      let value = predictions[probe.arrayIndex]
      // A probe with one feature gets a trailing axis of 1; a categorical already ends in C.
      let column = probe.spec.type == .categorical ? value : value.unsqueezed(value.rank)
      pieces[probe.target, default: []].append(column)
    }
    return pieces.mapValues { $0.count == 1 ? $0[0] : Tensor.concatenate($0, dim: -1) }
  }
}
