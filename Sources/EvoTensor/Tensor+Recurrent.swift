import Foundation

extension Tensor {
  /// One direction of one GRU layer over a time-major `[T, B, In]` sequence, with PyTorch's gate layout (r, z, n).
  ///
  /// Returns `[T + 1, B, H]`: the hidden state at each input position (aligned with the input even when
  /// `reverse`), then the final hidden state. One op for the whole sequence keeps the tape short and the inner
  /// loop free of per-step allocations.
  public static func gruLayer(
    input: Tensor, initialHidden: Tensor, weightIH: Tensor, weightHH: Tensor, biasIH: Tensor?, biasHH: Tensor?,
    reverse: Bool
  ) -> Tensor {
    let layer = RecurrentInputs(
      cell: "GRU", gateCount: 3, input: input, initialHidden: initialHidden, weightIH: weightIH, weightHH: weightHH,
      biasIH: biasIH, biasHH: biasHH)
    defer { withExtendedLifetime(layer) {} }
    let (steps, batch, hidden) = (layer.steps, layer.batch, layer.hidden)
    let result = Tensor.empty([steps + 1, batch, hidden])
    // Saved per step: r, z, n, and the recurrent projection of n's slot (needed by r's gradient).
    let saved = TensorStorage(uninitializedCount: steps * batch * 4 * hidden)
    layer.forward(reverse: reverse, into: result.basePointer) { t, b, xRow, hRow, previous, current in
      let keep = saved.pointer + ((t * batch + b) * 4) * hidden
      for j in 0..<hidden {
        let r = Tensor.logistic(xRow[j] + hRow[j])
        let z = Tensor.logistic(xRow[hidden + j] + hRow[hidden + j])
        let n = Foundation.tanh(xRow[2 * hidden + j] + r * hRow[2 * hidden + j])
        current[j] = (1 - z) * n + z * previous[j]
        keep[j] = r
        keep[hidden + j] = z
        keep[2 * hidden + j] = n
        keep[3 * hidden + j] = hRow[2 * hidden + j]
      }
    }

    let inputs = [input, initialHidden, weightIH, weightHH] + [biasIH, biasHH].compactMap { $0 }
    let outputs = result.detached()
    return result.recording(inputs) { g in
      layer.backward(g.contiguous(), outputs: outputs, reverse: reverse, hasBiasIH: biasIH != nil) { row in
        let keep = saved.pointer + ((row.t * batch + row.b) * 4) * hidden
        for j in 0..<hidden {
          let d = row.dHidden[j] + row.dOutput[j]
          let (r, z, n, hn) = (keep[j], keep[hidden + j], keep[2 * hidden + j], keep[3 * hidden + j])
          let dn = d * (1 - z)
          let dz = d * (row.hPrevious[j] - n)
          let dan = dn * (1 - n * n)
          let dar = dan * hn * r * (1 - r)
          let daz = dz * z * (1 - z)
          row.dProjected[j] = dar
          row.dProjected[hidden + j] = daz
          row.dProjected[2 * hidden + j] = dan
          row.dRecurrent[j] = dar
          row.dRecurrent[hidden + j] = daz
          row.dRecurrent[2 * hidden + j] = dan * r
          row.dHidden[j] = d * z
        }
      }
    }
  }

  /// One direction of one LSTM layer over a time-major `[T, B, In]` sequence, gates in PyTorch's order (i, f, g, o).
  ///
  /// Returns `[T + 2, B, H]`: the hidden state at each input position, then the final hidden and cell states.
  public static func lstmLayer(
    input: Tensor, initialHidden: Tensor, initialCell: Tensor, weightIH: Tensor, weightHH: Tensor, biasIH: Tensor?,
    biasHH: Tensor?, reverse: Bool
  ) -> Tensor {
    let layer = RecurrentInputs(
      cell: "LSTM", gateCount: 4, input: input, initialHidden: initialHidden, weightIH: weightIH, weightHH: weightHH,
      biasIH: biasIH, biasHH: biasHH)
    defer { withExtendedLifetime(layer) {} }
    let (steps, batch, hidden, gates) = (layer.steps, layer.batch, layer.hidden, layer.gates)
    let c0 = initialCell.contiguous()
    let result = Tensor.empty([steps + 2, batch, hidden])
    let out = result.basePointer
    // Saved per step: i, f, g, o and the new cell state c.
    let saved = TensorStorage(uninitializedCount: steps * batch * 5 * hidden)
    // The cell states of the step before: the initial ones, then those gathered into the final-state slot.
    let cellSlot = out + (steps + 1) * batch * hidden
    let firstStep = reverse ? steps - 1 : 0
    layer.forward(
      reverse: reverse, into: out,
      cell: { t, b, xRow, hRow, _, current in
        let keep = saved.pointer + ((t * batch + b) * 5) * hidden
        let previousCell = (t == firstStep ? UnsafePointer(c0.basePointer) : UnsafePointer(cellSlot)) + b * hidden
        for j in 0..<hidden {
          let i = Tensor.logistic(xRow[j] + hRow[j])
          let f = Tensor.logistic(xRow[hidden + j] + hRow[hidden + j])
          let gg = Foundation.tanh(xRow[2 * hidden + j] + hRow[2 * hidden + j])
          let o = Tensor.logistic(xRow[3 * hidden + j] + hRow[3 * hidden + j])
          let c = f * previousCell[j] + i * gg
          current[j] = o * Foundation.tanh(c)
          keep[j] = i
          keep[hidden + j] = f
          keep[2 * hidden + j] = gg
          keep[3 * hidden + j] = o
          keep[4 * hidden + j] = c
        }
      },
      afterStep: { t in
        // Cell states are saved interleaved per row; gather them into the final-state slot as we go.
        for b in 0..<batch {
          (cellSlot + b * hidden).update(from: saved.pointer + ((t * batch + b) * 5 + 4) * hidden, count: hidden)
        }
      })
    if steps == 0 { (out + batch * hidden).update(from: c0.basePointer, count: batch * hidden) }

    let inputs = [input, initialHidden, initialCell, weightIH, weightHH] + [biasIH, biasHH].compactMap { $0 }
    let outputs = result.detached()
    return result.recording(inputs) { g in
      let gradient = g.contiguous()
      let dc = TensorStorage(uninitializedCount: batch * hidden)
      withExtendedLifetime(gradient) {
        dc.pointer.update(from: gradient.basePointer + (steps + 1) * batch * hidden, count: batch * hidden)
      }
      var grads = layer.backward(gradient, outputs: outputs, reverse: reverse, hasBiasIH: biasIH != nil) { row in
        let keep = saved.pointer + ((row.t * batch + row.b) * 5) * hidden
        let previousKeep = row.previousT.map { saved.pointer + (($0 * batch + row.b) * 5) * hidden }
        let dcRow = dc.pointer + row.b * hidden
        for j in 0..<hidden {
          let d = row.dHidden[j] + row.dOutput[j]
          let (i, f, gg, o, c) = (
            keep[j], keep[hidden + j], keep[2 * hidden + j], keep[3 * hidden + j], keep[4 * hidden + j]
          )
          let cPrevious = previousKeep.map { $0[4 * hidden + j] } ?? c0.basePointer[row.b * hidden + j]
          let tc = Foundation.tanh(c)
          let dcTotal = dcRow[j] + d * o * (1 - tc * tc)
          row.dProjected[j] = dcTotal * gg * i * (1 - i)
          row.dProjected[hidden + j] = dcTotal * cPrevious * f * (1 - f)
          row.dProjected[2 * hidden + j] = dcTotal * i * (1 - gg * gg)
          row.dProjected[3 * hidden + j] = d * tc * o * (1 - o)
          dcRow[j] = dcTotal * f
          row.dHidden[j] = 0
        }
        row.dRecurrent.update(from: row.dProjected, count: gates)
      }
      grads.insert(Tensor(storage: dc, shape: [batch, hidden]), at: 2)
      return grads
    }
  }

  /// One step of the recurrent projection's backward pass: `dh_prev += dRecurrent @ W_hh`,
  /// `dW_hh += dRecurrent^T @ h_prev` and `db_hh +=` the column sums of `dRecurrent` (`[B, gates]`).
  fileprivate static func backpropagateRecurrent(
    _ dRecurrent: UnsafePointer<Float>, whh: UnsafePointer<Float>, hPrevious: UnsafePointer<Float>,
    dHidden: UnsafeMutablePointer<Float>, dWeightHH: UnsafeMutablePointer<Float>, dBiasHH: UnsafeMutablePointer<Float>,
    batch: Int, hidden: Int, gates: Int
  ) {
    BLAS.gemm(
      transposeA: false, transposeB: false, m: batch, n: hidden, k: gates, a: dRecurrent, lda: gates, b: whh,
      ldb: hidden, beta: 1, c: dHidden, ldc: hidden)
    BLAS.gemm(
      transposeA: true, transposeB: false, m: gates, n: hidden, k: batch, a: dRecurrent, lda: gates, b: hPrevious,
      ldb: hidden, beta: 1, c: dWeightHH, ldc: hidden)
    for b in 0..<batch { for j in 0..<gates { dBiasHH[j] += dRecurrent[b * gates + j] } }
  }

  /// `h @ W_hh^T + b_hh` for one step into `[B, gates]`.
  fileprivate static func projectRecurrent(
    _ h: UnsafePointer<Float>, _ whh: UnsafePointer<Float>, _ bhh: UnsafePointer<Float>?,
    into target: UnsafeMutablePointer<Float>, batch: Int, hidden: Int, gates: Int
  ) {
    if let bhh {
      for b in 0..<batch { (target + b * gates).update(from: bhh, count: gates) }
    }
    BLAS.gemm(
      transposeA: false, transposeB: true, m: batch, n: gates, k: hidden, a: h, lda: hidden, b: whh, ldb: hidden,
      beta: bhh == nil ? 0 : 1, c: target, ldc: gates)
  }

  /// Gradients of a recurrent layer's input, initial hidden state and weights, from the input projections' gradient.
  fileprivate static func recurrentInputGradients(
    dProjected: Tensor, x: Tensor, weightIH: Tensor, dHidden: TensorStorage, initialHidden: Tensor,
    dWeightHH: Tensor, dBiasHH: Tensor, hasBiasIH: Bool, hasBiasHH: Bool
  ) -> [Tensor?] {
    let (steps, batch, inputSize) = (x.shape[0], x.shape[1], x.shape[2])
    let gates = weightIH.shape[0]
    let rows = steps * batch
    let dx = Tensor.empty(x.shape)
    BLAS.gemm(
      transposeA: false, transposeB: false, m: rows, n: inputSize, k: gates, a: dProjected.basePointer,
      lda: gates, b: weightIH.basePointer, ldb: inputSize, c: dx.basePointer, ldc: inputSize)
    let dwih = Tensor.empty(weightIH.shape)
    BLAS.gemm(
      transposeA: true, transposeB: false, m: gates, n: inputSize, k: rows, a: dProjected.basePointer,
      lda: gates, b: x.basePointer, ldb: inputSize, c: dwih.basePointer, ldc: inputSize)
    var grads: [Tensor?] = [dx, Tensor(storage: dHidden, shape: initialHidden.shape), dwih, dWeightHH]
    if hasBiasIH { grads.append(dProjected.sum(dims: [0])) }
    if hasBiasHH { grads.append(dBiasHH) }
    return grads
  }
}

/// What one direction of a recurrent layer reads, made contiguous, with the input projections of every step
/// computed at once (one GEMM instead of one per step).
private final class RecurrentInputs {
  let steps: Int
  let batch: Int
  let hidden: Int
  let gates: Int
  let x: Tensor
  let wih: Tensor
  let whh: Tensor
  let bhh: Tensor?
  let h0: Tensor
  /// `x W_ih^T + b_ih` for all steps: `[T * B, gates]`.
  let projected: Tensor

  init(
    cell: String, gateCount: Int, input: Tensor, initialHidden: Tensor, weightIH: Tensor, weightHH: Tensor,
    biasIH: Tensor?, biasHH: Tensor?
  ) {
    (steps, batch) = (input.shape[0], input.shape[1])
    let inputSize = input.shape[2]
    hidden = weightHH.shape[1]
    gates = gateCount * hidden
    precondition(
      weightIH.shape == [gates, inputSize] && weightHH.shape == [gates, hidden],
      "\(cell) weights \(weightIH.shape), \(weightHH.shape) do not fit input size \(inputSize), hidden size \(hidden)")
    x = input.contiguous()
    wih = weightIH.contiguous()
    whh = weightHH.contiguous()
    bhh = biasHH?.contiguous()
    h0 = initialHidden.contiguous()
    projected = x.reshaped([steps * batch, inputSize]).detached().linear(
      weight: wih.detached(), bias: biasIH?.detached())
  }

  /// The forward pass, step by step in the layer's order (from the last step when `reverse`): projects the
  /// previous hidden state (`h0` first) through `W_hh`, then hands `cell` each batch row of step `t`: its input and
  /// recurrent projections, its previous hidden state and where its new one goes in `out` (`[T, B, H]`, after which
  /// the final hidden state is written). `afterStep` runs once all rows of step `t` are done.
  func forward(
    reverse: Bool, into out: UnsafeMutablePointer<Float>,
    cell: (
      _ t: Int, _ b: Int, _ xRow: UnsafePointer<Float>, _ hRow: UnsafePointer<Float>, _ previous: UnsafePointer<Float>,
      _ current: UnsafeMutablePointer<Float>
    ) -> Void,
    afterStep: (_ t: Int) -> Void = { _ in }
  ) {
    let recurrent = TensorStorage(uninitializedCount: batch * gates)
    var previous = UnsafePointer(h0.basePointer)
    for s in 0..<steps {
      let t = reverse ? steps - 1 - s : s
      Tensor.projectRecurrent(
        previous, whh.basePointer, bhh?.basePointer, into: recurrent.pointer, batch: batch, hidden: hidden, gates: gates
      )
      let current = out + t * batch * hidden
      for b in 0..<batch {
        cell(
          t, b, projected.basePointer + (t * batch + b) * gates, recurrent.pointer + b * gates, previous + b * hidden,
          current + b * hidden)
      }
      previous = UnsafePointer(current)
      afterStep(t)
    }
    (out + steps * batch * hidden).update(from: previous, count: batch * hidden)
  }

  /// The backward pass from `gradient` (contiguous, shaped like the forward's result), last step first: hands
  /// `cell` each batch row of each step to fill in its gate gradients, backpropagates them through `W_hh`, and
  /// returns the gradients of the input, initial hidden state, weights and biases.
  func backward(
    _ gradient: Tensor, outputs: Tensor, reverse: Bool, hasBiasIH: Bool, cell: (RecurrentBackwardRow) -> Void
  ) -> [Tensor?] {
    withExtendedLifetime(gradient) {
      let dOutput = gradient.basePointer
      let dProjected = Tensor.empty([steps * batch, gates])
      let dWeightHH = Tensor.zeros([gates, hidden])
      let dBiasHH = Tensor.zeros([gates])
      let dHidden = TensorStorage(uninitializedCount: batch * hidden)
      dHidden.pointer.update(from: dOutput + steps * batch * hidden, count: batch * hidden)
      let dRecurrent = TensorStorage(uninitializedCount: batch * gates)
      for s in stride(from: steps - 1, through: 0, by: -1) {
        let t = reverse ? steps - 1 - s : s
        let previousT = s == 0 ? nil : reverse ? t + 1 : t - 1
        let hPrevious = previousT.map { outputs.basePointer + $0 * batch * hidden } ?? h0.basePointer
        for b in 0..<batch {
          cell(
            RecurrentBackwardRow(
              t: t, previousT: previousT, b: b, dHidden: dHidden.pointer + b * hidden,
              dOutput: dOutput + (t * batch + b) * hidden, hPrevious: hPrevious + b * hidden,
              dProjected: dProjected.basePointer + (t * batch + b) * gates, dRecurrent: dRecurrent.pointer + b * gates))
        }
        Tensor.backpropagateRecurrent(
          dRecurrent.pointer, whh: whh.basePointer, hPrevious: hPrevious, dHidden: dHidden.pointer,
          dWeightHH: dWeightHH.basePointer, dBiasHH: dBiasHH.basePointer, batch: batch, hidden: hidden, gates: gates)
      }
      return Tensor.recurrentInputGradients(
        dProjected: dProjected, x: x, weightIH: wih, dHidden: dHidden, initialHidden: h0, dWeightHH: dWeightHH,
        dBiasHH: dBiasHH, hasBiasIH: hasBiasIH, hasBiasHH: bhh != nil)
    }
  }
}

/// One batch row of one step of a recurrent layer's backward pass, as the cell's gradient sees it.
private struct RecurrentBackwardRow {
  /// The step, and the one before it in the layer's order (nil for the first, whose previous state is the initial one).
  let t: Int
  let previousT: Int?
  /// The batch row.
  let b: Int
  /// The gradient reaching the row's hidden state from the steps after it; the cell leaves in it what goes on to
  /// the step before (the recurrent part is added after the cell, through `W_hh`).
  let dHidden: UnsafeMutablePointer<Float>
  /// The loss's gradient of the row's output at this step.
  let dOutput: UnsafePointer<Float>
  /// The row's hidden state before this step.
  let hPrevious: UnsafePointer<Float>
  /// Where the gate gradients go: of the input projection (`[gates]`) and of the recurrent projection.
  let dProjected: UnsafeMutablePointer<Float>
  let dRecurrent: UnsafeMutablePointer<Float>
}
