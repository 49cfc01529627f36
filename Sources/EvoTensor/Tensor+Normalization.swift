extension Tensor {
  /// Standardises each row of a `[rows, width]` view to zero mean and unit (biased) variance.
  ///
  /// Returns the row means and biased variances too, which batch norm needs for its running statistics.
  func standardizedRows(width: Int, epsilon: Float) -> (result: Tensor, means: [Float], variances: [Float]) {
    let input = contiguous()
    defer { withExtendedLifetime(input) {} }
    let rows = count / Swift.max(width, 1)
    let result = Tensor.empty(shape)
    var means = [Float](repeating: 0, count: rows)
    var variances = [Float](repeating: 0, count: rows)
    var inverseDeviations = [Float](repeating: 0, count: rows)
    let (x, y) = (input.basePointer, result.basePointer)
    for r in 0..<rows {
      let row = x + r * width
      var total: Double = 0
      for i in 0..<width { total += Double(row[i]) }
      let mean = Float(total / Double(width))
      var squares: Double = 0
      for i in 0..<width {
        let d = row[i] - mean
        squares += Double(d * d)
      }
      let variance = Float(squares / Double(width))
      let inverse = 1 / (variance + epsilon).squareRoot()
      for i in 0..<width { y[r * width + i] = (row[i] - mean) * inverse }
      means[r] = mean
      variances[r] = variance
      inverseDeviations[r] = inverse
    }
    let saved = result.detached()
    result.recording([self]) { [shape] g in
      let gradientTensor = g.contiguous()
      defer { withExtendedLifetime(gradientTensor) {} }
      let gradient = gradientTensor.basePointer
      let xhat = saved.basePointer
      let dx = Tensor.empty(shape)
      let d = dx.basePointer
      for r in 0..<rows {
        var meanGrad: Float = 0
        var meanGradXhat: Float = 0
        for i in 0..<width {
          meanGrad += gradient[r * width + i]
          meanGradXhat += gradient[r * width + i] * xhat[r * width + i]
        }
        meanGrad /= Float(width)
        meanGradXhat /= Float(width)
        let inverse = inverseDeviations[r]
        for i in 0..<width {
          let j = r * width + i
          d[j] = inverse * (gradient[j] - meanGrad - xhat[j] * meanGradXhat)
        }
      }
      return [dx]
    }
    return (result, means, variances)
  }

  /// Batch normalisation of `[N, C]` or `[N, C, L]` over all but the channel dimension, as `F.batch_norm`.
  ///
  /// In training mode the batch statistics normalise, and the running statistics (when given) move towards
  /// them by `momentum` (the variance unbiased, as PyTorch does); in evaluation the running statistics are used.
  public func batchNorm(
    runningMean: Tensor?, runningVariance: Tensor?, weight: Tensor?, bias: Tensor?, training: Bool,
    momentum: Float = 0.1, epsilon: Float = 1e-5
  ) -> Tensor {
    precondition(rank == 2 || rank == 3, "batch_norm expects [N, C] or [N, C, L], got \(shape)")
    let channels = shape[1]
    let affineShape = rank == 3 ? [channels, 1] : [channels]
    var normalized: Tensor
    if training || runningMean == nil || runningVariance == nil {
      let perChannel = (rank == 3 ? transposed(0, 1) : transposed(0, 1)).contiguous()
      let width = count / channels
      precondition(width > 1, "batch_norm: expected more than 1 value per channel when training, got \(shape)")
      let (rows, means, variances) = perChannel.reshaped([channels, width]).standardizedRows(
        width: width, epsilon: epsilon)
      normalized = rows.reshaped(perChannel.shape).transposed(0, 1)
      if training, let runningMean, let runningVariance {
        let correction = Float(width) / Float(width - 1)
        let (m, v) = (runningMean.basePointer, runningVariance.basePointer)
        for c in 0..<channels {
          m[c] = (1 - momentum) * m[c] + momentum * means[c]
          v[c] = (1 - momentum) * v[c] + momentum * variances[c] * correction
        }
      }
    } else {
      let mean = runningMean!.detached().reshaped(affineShape)
      let inverse = Tensor.withoutGrad { 1 / (runningVariance!.detached() + epsilon).sqrt() }.reshaped(affineShape)
      normalized = (self - mean) * inverse
    }
    if let weight { normalized = normalized * weight.reshaped(affineShape) }
    if let bias { normalized = normalized + bias.reshaped(affineShape) }
    return normalized
  }

  /// Layer normalisation over the trailing `normalizedCount` elements of each sample, as `F.layer_norm`.
  public func layerNorm(normalizedShape: [Int], weight: Tensor?, bias: Tensor?, epsilon: Float = 1e-5) -> Tensor {
    precondition(
      Array(shape.suffix(normalizedShape.count)) == normalizedShape,
      "layer_norm: input \(shape) does not end in normalized shape \(normalizedShape)")
    let width = normalizedShape.reduce(1, *)
    var result = reshaped([count / Swift.max(width, 1), width]).standardizedRows(width: width, epsilon: epsilon)
      .result.reshaped(shape)
    if let weight { result = result * weight }
    if let bias { result = result + bias }
    return result
  }

  /// Group normalisation of `[N, C, *]` with `groups` groups of channels, as `F.group_norm`.
  public func groupNorm(groups: Int, weight: Tensor?, bias: Tensor?, epsilon: Float = 1e-5) -> Tensor {
    precondition(rank >= 2 && shape[1] % groups == 0, "group_norm: \(shape) cannot be split into \(groups) groups")
    let channels = shape[1]
    let width = count / (shape[0] * groups)
    var result = reshaped([shape[0] * groups, width]).standardizedRows(width: width, epsilon: epsilon).result
      .reshaped(shape)
    let affineShape = [channels] + [Int](repeating: 1, count: rank - 2)
    if let weight { result = result * weight.reshaped(affineShape) }
    if let bias { result = result + bias.reshaped(affineShape) }
    return result
  }

  /// Zeroes each element with probability `probability` and scales survivors by `1 / (1 - p)` (training only).
  public func dropout(probability: Float, training: Bool, using generator: inout RandomSource) -> Tensor {
    precondition(probability >= 0 && probability <= 1, "dropout probability must be in [0, 1], got \(probability)")
    if !training || probability == 0 { return self }
    if probability == 1 { return self * 0 }
    let scale = 1 / (1 - probability)
    let mask = Tensor.empty(shape)
    for i in 0..<count { mask.basePointer[i] = generator.nextUnitFloat() < probability ? 0 : scale }
    return self * mask
  }

  /// Looks up rows of an `[entries, width]` embedding table for each index, as `F.embedding`.
  public static func embedding(indices: [Int], shape indexShape: [Int], table: Tensor, paddingIndex: Int? = nil)
    -> Tensor
  {
    precondition(table.rank == 2, "embedding table must be [entries, width]")
    let (entries, width) = (table.shape[0], table.shape[1])
    let weights = table.contiguous()
    let result = Tensor.empty(indexShape + [width])
    for (i, index) in indices.enumerated() {
      precondition(index >= 0 && index < entries, "embedding index \(index) out of range for \(entries) entries")
      (result.basePointer + i * width).update(from: weights.basePointer + index * width, count: width)
    }
    return result.recording([table]) { g in
      let gradientTensor = g.contiguous()
      defer { withExtendedLifetime(gradientTensor) {} }
      let gradient = gradientTensor.basePointer
      let dw = Tensor.zeros([entries, width])
      for (i, index) in indices.enumerated() where index != paddingIndex {
        let row = dw.basePointer + index * width
        for j in 0..<width { row[j] += gradient[i * width + j] }
      }
      return [dw]
    }
  }
}
