import CBLAS
import Foundation

extension InferenceSession {
  /// Runs `tokens` through the model at the next positions and leaves the last position's logits in `logits`.
  public func evaluate(tokens: [Int]) throws {
    _ = try run(inputCount: tokens.count, logitRows: tokens.isEmpty ? [] : [tokens.count - 1]) { x in
      try embed(tokens, into: x)
    }
  }

  /// Runs `tokens` and returns the logits after every one of them (row `i` predicts the token after `tokens[i]`).
  public func evaluateAll(tokens: [Int]) throws -> [[Float]] {
    try run(inputCount: tokens.count, logitRows: Array(0..<tokens.count)) { x in try embed(tokens, into: x) }
  }

  /// Runs raw input embeddings (e.g. a learned soft prompt): `embeddings.count / width` positions, row-major.
  public func evaluate(embeddings: [Float]) throws {
    let width = configuration.embeddingLength
    guard embeddings.count % width == 0 else { throw InferenceError.badEmbeddingCount(embeddings.count, width: width) }
    let count = embeddings.count / width
    _ = try run(inputCount: count, logitRows: count == 0 ? [] : [count - 1]) { x in
      embeddings.withUnsafeBufferPointer { x.update(from: $0.baseAddress!, count: embeddings.count) }
    }
  }

  /// The input embedding of `token` (dequantised row of the token embedding matrix).
  public func embedding(of token: Int) throws -> [Float] {
    guard token >= 0, token < configuration.vocabularySize else { throw InferenceError.tokenOutOfRange(token) }
    var row = [Float](repeating: 0, count: configuration.embeddingLength)
    row.withUnsafeMutableBufferPointer { model.tokenEmbedding.dequantizeRow(token, into: $0.baseAddress!) }
    return row
  }

  private func embed(_ tokens: [Int], into x: UnsafeMutablePointer<Float>) throws {
    let width = configuration.embeddingLength
    for (i, token) in tokens.enumerated() {
      guard token >= 0, token < configuration.vocabularySize else { throw InferenceError.tokenOutOfRange(token) }
      model.tokenEmbedding.dequantizeRow(token, into: x + i * width)
    }
  }

  /// The forward pass over `inputCount` new positions whose embeddings `fill` writes; returns logits for `logitRows`.
  private func run(
    inputCount: Int, logitRows: [Int], fill: (UnsafeMutablePointer<Float>) throws -> Void
  ) throws -> [[Float]] {
    guard inputCount > 0 else { return [] }
    guard position + inputCount <= maxContext else {
      throw InferenceError.contextFull(needed: position + inputCount, capacity: maxContext)
    }
    reserveBatchCapacity(inputCount)
    let buffers = batchBuffers
    try fill(buffers.hidden)
    let n = inputCount
    let dim = configuration.embeddingLength
    if let profile {
      profile.time(\.blockSeconds) { runBlocks(rows: n) }
    } else {
      runBlocks(rows: n)
    }
    position += n
    var result: [[Float]] = []
    result.reserveCapacity(logitRows.count)
    let start = DispatchTime.now().uptimeNanoseconds
    for row in logitRows {
      rmsNorm(buffers.hidden + row * dim, weights: model.outputNorm, rows: 1, into: buffers.normed)
      logits.withUnsafeMutableBufferPointer { out in
        project(model.output, input: buffers.normed, rows: 1, output: out.baseAddress!)
      }
      result.append(logits)
    }
    profile?.outputSeconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return result
  }

  /// The transformer blocks over the `rows` new positions in `batchBuffers.hidden`, at `position`.
  private func runBlocks(rows n: Int) {
    let buffers = batchBuffers
    let c = configuration
    let dim = c.embeddingLength
    let queryWidth = c.headCount * c.headDimension
    let kvWidth = c.keyValueDimension
    let ffn = c.feedForwardLength
    for (layer, block) in model.blocks.enumerated() {
      rmsNorm(buffers.hidden, weights: block.attentionNorm, rows: n, into: buffers.normed)
      project(
        [block.query, block.key, block.value], input: buffers.normed, rows: n,
        outputs: [buffers.queries, buffers.keys, buffers.values])
      addBias(block.queryBias, to: buffers.queries, rows: n, width: queryWidth)
      addBias(block.keyBias, to: buffers.keys, rows: n, width: kvWidth)
      addBias(block.valueBias, to: buffers.values, rows: n, width: kvWidth)
      for i in 0..<n {
        applyRope(buffers.queries + i * queryWidth, heads: c.headCount, position: position + i)
        applyRope(buffers.keys + i * kvWidth, heads: c.keyValueHeadCount, position: position + i)
      }
      // llama.cpp keeps the KV cache in F16 and rounds queries to F16 for the K·Q product: do the same rounding.
      roundToHalf(buffers.keys, count: n * kvWidth)
      roundToHalf(buffers.values, count: n * kvWidth)
      roundToHalf(buffers.queries, count: n * queryWidth)
      let layerBase = layer * maxContext * kvWidth
      (keyCache + layerBase + position * kvWidth).update(from: buffers.keys, count: n * kvWidth)
      (valueCache + layerBase + position * kvWidth).update(from: buffers.values, count: n * kvWidth)
      if let profile {
        profile.time(\.attentionSeconds) {
          attend(layerBase: layerBase, rows: n, queries: buffers.queries, output: buffers.attended)
        }
      } else {
        attend(layerBase: layerBase, rows: n, queries: buffers.queries, output: buffers.attended)
      }
      project(block.attentionOutput, input: buffers.attended, rows: n, output: buffers.projected)
      addInPlace(buffers.hidden, buffers.projected, count: n * dim)
      rmsNorm(buffers.hidden, weights: block.feedForwardNorm, rows: n, into: buffers.normed)
      project([block.gate, block.up], input: buffers.normed, rows: n, outputs: [buffers.gates, buffers.ups])
      for i in 0..<n { swiGLU(buffers.gates + i * ffn, buffers.ups + i * ffn, count: ffn) }
      project(block.down, input: buffers.gates, rows: n, output: buffers.projected)
      addInPlace(buffers.hidden, buffers.projected, count: n * dim)
    }
  }

  private func rmsNorm(
    _ x: UnsafeMutablePointer<Float>, weights: [Float], rows: Int, into out: UnsafeMutablePointer<Float>
  ) {
    let width = configuration.embeddingLength
    let epsilon = configuration.rmsNormEpsilon
    weights.withUnsafeBufferPointer { w in
      for r in 0..<rows {
        let row = x + r * width
        let dst = out + r * width
        var sum: Double = 0
        for i in 0..<width { sum += Double(row[i] * row[i]) }
        let scale = 1 / (Float(sum / Double(width)) + epsilon).squareRoot()
        for i in 0..<width { dst[i] = row[i] * scale * w[i] }
      }
    }
  }

  private func addBias(_ bias: [Float]?, to x: UnsafeMutablePointer<Float>, rows: Int, width: Int) {
    guard let bias else { return }
    bias.withUnsafeBufferPointer { b in
      for r in 0..<rows {
        let row = x + r * width
        for i in 0..<width { row[i] += b[i] }
      }
    }
  }

  private func roundToHalf(_ x: UnsafeMutablePointer<Float>, count: Int) {
    for i in 0..<count { x[i] = Float(Float16(x[i])) }
  }

  private func addInPlace(_ x: UnsafeMutablePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
    for i in 0..<count { x[i] += y[i] }
  }

  /// `gate = silu(gate) * up`, in place.
  /// `gate = silu(gate) * up` over one row, in place, as `ggml_vec_swiglu_f32` computes it: 16-lane blocks with
  /// ggml's exp, a tail with the C library's.
  private func swiGLU(_ gate: UnsafeMutablePointer<Float>, _ up: UnsafeMutablePointer<Float>, count: Int) {
    var i = 0
    while i + 16 <= count {
      let g = UnsafeMutableRawPointer(gate + i)
      let x = g.loadUnaligned(as: SIMD16<Float>.self)
      var inRange = true
      for lane in 0..<16 where !(x[lane] <= 87 && x[lane] >= -88) { inRange = false }
      if inRange {
        let negated = SIMD16<Float>() - x
        let silu = x / (SIMD16<Float>(repeating: 1) + GGMLMath.exp(negated))
        g.storeBytes(of: silu * UnsafeRawPointer(up + i).loadUnaligned(as: SIMD16<Float>.self), as: SIMD16<Float>.self)
      } else {
        for lane in 0..<16 { gate[i + lane] = GGMLMath.silu(gate[i + lane]) * up[i + lane] }
      }
      i += 16
    }
    while i < count {
      gate[i] = gate[i] / (1 + Foundation.exp(-gate[i])) * up[i]
      i += 1
    }
  }

  /// Rotates each head's first `ropeDimensionCount` values by angle `position · θ_i`.
  private func applyRope(_ vector: UnsafeMutablePointer<Float>, heads: Int, position: Int) {
    let c = configuration
    let half = c.ropeDimensionCount / 2
    // The angle is built by repeated float multiplication, exactly as ggml's rope cache does.
    var angle = Float(position)
    for i in 0..<half {
      let cosine = cos(angle)
      let sine = sin(angle)
      for h in 0..<heads {
        let head = vector + h * c.headDimension
        let (a, b) = c.ropeStyle == .adjacentPairs ? (2 * i, 2 * i + 1) : (i, i + half)
        let x0 = head[a]
        let x1 = head[b]
        // GCC (which builds llama.cpp) contracts these into fused multiply-adds; so do we, to match its bits.
        head[a] = (-(x1 * sine)).addingProduct(x0, cosine)
        head[b] = (x1 * cosine).addingProduct(x0, sine)
      }
      angle *= ropeThetaScale
    }
  }

  /// Causal grouped-query attention of `rows` new queries against the cache of this layer, heads split over threads.
  ///
  /// Mirrors llama.cpp's non-flash attention on the CPU bit for bit: the KV length is padded to a multiple of 256
  /// (padding masked to probability 0); softmax uses ggml's exp and 16-lane sums (`GGMLMath`); K·Q and
  /// probabilities·V are F16 dot products, in `ggml_vec_dot_f16`'s order for a single new token and in llamafile
  /// tinyBLAS's order for a batch (ggml hands batched F16 products to tinyBLAS).
  private func attend(
    layerBase: Int, rows: Int, queries: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>
  ) {
    let c = configuration
    let headDim = c.headDimension
    let kvWidth = c.keyValueDimension
    let queryWidth = c.headCount * headDim
    let group = c.headCount / c.keyValueHeadCount
    let scale = 1 / Float(headDim).squareRoot()
    let keysBase = keyCache + layerBase
    let valuesBase = valueCache + layerBase
    let start = position
    let context = maxContext
    let scoresBase = scores
    // tinyBLAS takes a batched product only when its inner dimension is a multiple of 16.
    let keysInTinyBLASOrder = rows >= 2 && headDim % 16 == 0
    let tinyBLASOrder = rows >= 2 && min((start + rows + 255) / 256 * 256, maxContext) % 16 == 0
    let lanes = tinyBLASOrder ? 16 : 64
    // Below ~256 key positions a head takes microseconds: waking a second thread would cost more than it saves.
    let threads = (start + rows) * rows >= 256 ? model.threadCount : 1
    ParallelRows.forEachChunk(count: c.headCount, threads: threads) { heads in
      withUnsafeTemporaryAllocation(of: Float.self, capacity: lanes * headDim) { scratch in
        let slots = scratch.baseAddress!
        for h in heads {
          let probabilities = scoresBase + h * context
          let kvOffset = (h / group) * headDim
          for r in 0..<rows {
            let length = start + r + 1
            let padded = min((length + 255) / 256 * 256, context)
            let query = queries + r * queryWidth + h * headDim
            var maximum = -Float.infinity
            for t in 0..<length {
              let key = keysBase + t * kvWidth + kvOffset
              let dot =
                keysInTinyBLASOrder
                ? GGMLMath.dotInTinyBLASOrder(key, query, count: headDim)
                : GGMLMath.dotInF16Order(key, query, count: headDim)
              probabilities[t] = dot * scale
              maximum = max(maximum, probabilities[t])
            }
            let total = GGMLMath.softmaxNumerators(probabilities, count: length, paddedCount: padded, maximum: maximum)
            let inverseTotal = Float(1 / total)
            for t in 0..<length { probabilities[t] = Float(Float16(probabilities[t] * inverseTotal)) }
            // probabilities · V for every output dimension at once: slot t mod `lanes` is the accumulator lane
            // that position t lands in; the first product into a lane is a plain product, as an FMA onto zero.
            let steps = tinyBLASOrder ? length : min(padded / 64 * 64, length)
            for t in 0..<min(steps, lanes) {
              MatrixKernels.scaled(
                valuesBase + t * kvWidth + kvOffset, probabilities[t], into: slots + t * headDim, count: headDim)
            }
            if steps < lanes { (slots + steps * headDim).update(repeating: 0, count: (lanes - steps) * headDim) }
            for t in lanes..<max(lanes, steps) {
              MatrixKernels.addScaled(
                valuesBase + t * kvWidth + kvOffset, probabilities[t], into: slots + (t % lanes) * headDim,
                count: headDim)
            }
            let out = output + r * queryWidth + h * headDim
            GGMLMath.reduceLanes(slots, lanes: lanes, width: headDim, into: out)
            if steps < length {
              // ggml_vec_dot_f16's leftovers beyond whole 64-value steps, added in double precision.
              for d in 0..<headDim {
                var total = Double(out[d])
                for t in steps..<length { total += Double(valuesBase[t * kvWidth + kvOffset + d] * probabilities[t]) }
                out[d] = Float(total)
              }
            }
          }
        }
      }
    }
  }

  /// `output[r] = weight · input[r]` for `rows` input rows.
  ///
  /// Inputs are first rounded as llama.cpp rounds them (see `ActivationRounding`). Float weights in batches go
  /// through one `cblas_sgemm`. Quantised weights always use the fused kernels, tile by tile over weight rows for
  /// batches: their rounding is discontinuous, so a different summation order (as in sgemm over dequantised
  /// weights) flips roundings that 30 layers amplify into ~0.1 logit noise. With the fused kernels, a batched
  /// prompt gives bit-identical results to feeding it one token at a time, as llama.cpp's do.
  func project(_ weight: WeightMatrix, input: UnsafePointer<Float>, rows: Int, output: UnsafeMutablePointer<Float>) {
    project([weight], input: input, rows: rows, outputs: [output])
  }

  /// Several projections of the same input at once (q/k/v, gate/up): the input is prepared once (rounded or
  /// quantised, `ProjectionInputs`), and one hand-off to the threads covers the rows of every matrix. Matrices whose
  /// inputs are prepared differently (Q5_0 and Q4_K, say) go one at a time.
  func project(
    _ weights: [WeightMatrix], input: UnsafePointer<Float>, rows: Int, outputs: [UnsafeMutablePointer<Float>]
  ) {
    let first = weights[0]
    let format = first.traits.activation
    let sharesInput = weights.allSatisfy {
      $0.columns == first.columns && $0.traits.activation == format && (format != .floats || $0.type == first.type)
    }
    if !sharesInput {
      for (weight, output) in zip(weights, outputs) { project(weight, input: input, rows: rows, output: output) }
      return
    }
    let columns = first.columns
    let inputs = batchBuffers.inputs
    inputs.prepare(for: first.type, from: input, rows: rows, columns: columns)
    if format == .floats && rows >= batchMatrixThreshold {
      for (weight, output) in zip(weights, outputs) {
        let scratch = dequantizationScratch(weight.rows * columns)
        ParallelRows.forEachChunk(count: weight.rows, threads: model.threadCount) { range in
          weight.dequantizeRows(range, into: scratch + range.lowerBound * columns)
        }
        cblas_sgemm(
          CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(weight.rows), Int32(columns), 1,
          inputs.rounded, Int32(columns), scratch, Int32(columns), 0, output, Int32(weight.rows))
      }
      return
    }
    // Rows of all matrices, end to end: matrix m owns rows starts[m]..<starts[m + 1].
    var starts = [0]
    for weight in weights { starts.append(starts.last! + weight.rows) }
    let totalRows = starts.last!
    let threads = rows * totalRows * columns >= 65_536 ? model.threadCount : 1
    ParallelRows.forEachChunk(count: totalRows, threads: threads) { range in
      for (m, weight) in weights.enumerated() {
        let lower = max(range.lowerBound, starts[m]) - starts[m]
        let upper = min(range.upperBound, starts[m + 1]) - starts[m]
        guard lower < upper else { continue }
        var tileStart = lower
        while tileStart < upper {
          let tile = tileStart..<min(tileStart + WeightMatrix.tileRows, upper)
          weight.multiplyBatch(rows: tile, inputs: inputs, count: rows, outputs: outputs[m], outputStride: weight.rows)
          tileStart = tile.upperBound
        }
      }
    }
  }
}
