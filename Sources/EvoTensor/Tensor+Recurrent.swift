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
    let (steps, batch, hidden, gates) = (layer.steps, layer.batch, layer.hidden, layer.gates)
    let (x, wih, whh, bhh, h0, xp) = (layer.x, layer.wih, layer.whh, layer.bhh, layer.h0, layer.projected.basePointer)
    let result = Tensor.empty([steps + 1, batch, hidden])
    let out = result.basePointer
    // Saved per step: r, z, n, and the recurrent projection of n's slot (needed by r's gradient).
    let saved = TensorStorage(uninitializedCount: steps * batch * 4 * hidden)
    let recurrent = TensorStorage(uninitializedCount: batch * gates)
    var previous = UnsafePointer(h0.basePointer)
    for s in 0..<steps {
      let t = reverse ? steps - 1 - s : s
      Tensor.projectRecurrent(
        previous, whh.basePointer, bhh?.basePointer, into: recurrent.pointer, batch: batch, hidden: hidden, gates: gates
      )
      let current = out + t * batch * hidden
      for b in 0..<batch {
        let xRow = xp + (t * batch + b) * gates
        let hRow = recurrent.pointer + b * gates
        let keep = saved.pointer + ((t * batch + b) * 4) * hidden
        for j in 0..<hidden {
          let r = Tensor.logistic(xRow[j] + hRow[j])
          let z = Tensor.logistic(xRow[hidden + j] + hRow[hidden + j])
          let n = Foundation.tanh(xRow[2 * hidden + j] + r * hRow[2 * hidden + j])
          current[b * hidden + j] = (1 - z) * n + z * previous[b * hidden + j]
          keep[j] = r
          keep[hidden + j] = z
          keep[2 * hidden + j] = n
          keep[3 * hidden + j] = hRow[2 * hidden + j]
        }
      }
      previous = UnsafePointer(current)
    }
    (out + steps * batch * hidden).update(from: previous, count: batch * hidden)

    let inputs = [input, initialHidden, weightIH, weightHH] + [biasIH, biasHH].compactMap { $0 }
    let outputs = result.detached()
    return result.recording(inputs) { g in
      let gradientTensor = g.contiguous()
      defer { withExtendedLifetime(gradientTensor) {} }
      let gradient = gradientTensor.basePointer
      let dxp = Tensor.empty([steps * batch, gates])
      let dwhh = Tensor.zeros([gates, hidden])
      let dbhh = Tensor.zeros([gates])
      let dh = TensorStorage(uninitializedCount: batch * hidden)
      dh.pointer.update(from: gradient + steps * batch * hidden, count: batch * hidden)
      let dRecurrent = TensorStorage(uninitializedCount: batch * gates)
      for s in stride(from: steps - 1, through: 0, by: -1) {
        let t = reverse ? steps - 1 - s : s
        let previousT = reverse ? t + 1 : t - 1
        let hPrevious = s == 0 ? h0.basePointer : outputs.basePointer + previousT * batch * hidden
        for b in 0..<batch {
          let keep = saved.pointer + ((t * batch + b) * 4) * hidden
          let dRow = dxp.basePointer + (t * batch + b) * gates
          let dhRow = dRecurrent.pointer + b * gates
          for j in 0..<hidden {
            let index = b * hidden + j
            let d = dh.pointer[index] + gradient[t * batch * hidden + index]
            let (r, z, n, hn) = (keep[j], keep[hidden + j], keep[2 * hidden + j], keep[3 * hidden + j])
            let dn = d * (1 - z)
            let dz = d * (hPrevious[index] - n)
            let dan = dn * (1 - n * n)
            let dar = dan * hn * r * (1 - r)
            let daz = dz * z * (1 - z)
            dRow[j] = dar
            dRow[hidden + j] = daz
            dRow[2 * hidden + j] = dan
            dhRow[j] = dar
            dhRow[hidden + j] = daz
            dhRow[2 * hidden + j] = dan * r
            dh.pointer[index] = d * z
          }
        }
        Tensor.backpropagateRecurrent(
          dRecurrent.pointer, whh: whh.basePointer, hPrevious: hPrevious, dHidden: dh.pointer,
          dWeightHH: dwhh.basePointer, dBiasHH: dbhh.basePointer, batch: batch, hidden: hidden, gates: gates)
      }
      return Tensor.recurrentInputGradients(
        dProjected: dxp, x: x, weightIH: wih, dHidden: dh, initialHidden: h0, dWeightHH: dwhh, dBiasHH: dbhh,
        hasBiasIH: biasIH != nil, hasBiasHH: biasHH != nil)
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
    let (x, wih, whh, bhh, h0, xp) = (layer.x, layer.wih, layer.whh, layer.bhh, layer.h0, layer.projected.basePointer)
    let c0 = initialCell.contiguous()
    let result = Tensor.empty([steps + 2, batch, hidden])
    let out = result.basePointer
    // Saved per step: i, f, g, o and the new cell state c.
    let saved = TensorStorage(uninitializedCount: steps * batch * 5 * hidden)
    let recurrent = TensorStorage(uninitializedCount: batch * gates)
    var previous = UnsafePointer(h0.basePointer)
    var previousCell = UnsafePointer(c0.basePointer)
    for s in 0..<steps {
      let t = reverse ? steps - 1 - s : s
      Tensor.projectRecurrent(
        previous, whh.basePointer, bhh?.basePointer, into: recurrent.pointer, batch: batch, hidden: hidden, gates: gates
      )
      let current = out + t * batch * hidden
      for b in 0..<batch {
        let xRow = xp + (t * batch + b) * gates
        let hRow = recurrent.pointer + b * gates
        let keep = saved.pointer + ((t * batch + b) * 5) * hidden
        for j in 0..<hidden {
          let i = Tensor.logistic(xRow[j] + hRow[j])
          let f = Tensor.logistic(xRow[hidden + j] + hRow[hidden + j])
          let gg = Foundation.tanh(xRow[2 * hidden + j] + hRow[2 * hidden + j])
          let o = Tensor.logistic(xRow[3 * hidden + j] + hRow[3 * hidden + j])
          let c = f * previousCell[b * hidden + j] + i * gg
          current[b * hidden + j] = o * Foundation.tanh(c)
          keep[j] = i
          keep[hidden + j] = f
          keep[2 * hidden + j] = gg
          keep[3 * hidden + j] = o
          keep[4 * hidden + j] = c
        }
      }
      previous = UnsafePointer(current)
      // Cell states are saved interleaved per row; gather them into the final-state slot as we go.
      let cellSlot = out + (steps + 1) * batch * hidden
      for b in 0..<batch {
        (cellSlot + b * hidden).update(from: saved.pointer + ((t * batch + b) * 5 + 4) * hidden, count: hidden)
      }
      previousCell = UnsafePointer(cellSlot)
    }
    (out + steps * batch * hidden).update(from: previous, count: batch * hidden)
    if steps == 0 { (out + batch * hidden).update(from: c0.basePointer, count: batch * hidden) }

    let inputs = [input, initialHidden, initialCell, weightIH, weightHH] + [biasIH, biasHH].compactMap { $0 }
    let outputs = result.detached()
    return result.recording(inputs) { g in
      let gradientTensor = g.contiguous()
      defer { withExtendedLifetime(gradientTensor) {} }
      let gradient = gradientTensor.basePointer
      let dxp = Tensor.empty([steps * batch, gates])
      let dwhh = Tensor.zeros([gates, hidden])
      let dbhh = Tensor.zeros([gates])
      let dh = TensorStorage(uninitializedCount: batch * hidden)
      let dc = TensorStorage(uninitializedCount: batch * hidden)
      dh.pointer.update(from: gradient + steps * batch * hidden, count: batch * hidden)
      dc.pointer.update(from: gradient + (steps + 1) * batch * hidden, count: batch * hidden)
      let dRecurrent = TensorStorage(uninitializedCount: batch * gates)
      for s in stride(from: steps - 1, through: 0, by: -1) {
        let t = reverse ? steps - 1 - s : s
        let previousT = reverse ? t + 1 : t - 1
        let hPrevious = s == 0 ? h0.basePointer : outputs.basePointer + previousT * batch * hidden
        for b in 0..<batch {
          let keep = saved.pointer + ((t * batch + b) * 5) * hidden
          let previousKeep = s == 0 ? nil : saved.pointer + ((previousT * batch + b) * 5) * hidden
          let dRow = dxp.basePointer + (t * batch + b) * gates
          for j in 0..<hidden {
            let index = b * hidden + j
            let d = dh.pointer[index] + gradient[t * batch * hidden + index]
            let (i, f, gg, o, c) = (
              keep[j], keep[hidden + j], keep[2 * hidden + j], keep[3 * hidden + j], keep[4 * hidden + j]
            )
            let cPrevious = previousKeep.map { $0[4 * hidden + j] } ?? c0.basePointer[index]
            let tc = Foundation.tanh(c)
            let dcTotal = dc.pointer[index] + d * o * (1 - tc * tc)
            dRow[j] = dcTotal * gg * i * (1 - i)
            dRow[hidden + j] = dcTotal * cPrevious * f * (1 - f)
            dRow[2 * hidden + j] = dcTotal * i * (1 - gg * gg)
            dRow[3 * hidden + j] = d * tc * o * (1 - o)
            dc.pointer[index] = dcTotal * f
            dh.pointer[index] = 0
          }
          (dRecurrent.pointer + b * gates).update(from: dRow, count: gates)
        }
        Tensor.backpropagateRecurrent(
          dRecurrent.pointer, whh: whh.basePointer, hPrevious: hPrevious, dHidden: dh.pointer,
          dWeightHH: dwhh.basePointer, dBiasHH: dbhh.basePointer, batch: batch, hidden: hidden, gates: gates)
      }
      var grads = Tensor.recurrentInputGradients(
        dProjected: dxp, x: x, weightIH: wih, dHidden: dh, initialHidden: h0, dWeightHH: dwhh, dBiasHH: dbhh,
        hasBiasIH: biasIH != nil, hasBiasHH: biasHH != nil)
      grads.insert(Tensor(storage: dc, shape: [batch, hidden]), at: 2)
      return grads
    }
  }

  /// One step of the recurrent projection's backward pass: `dh_prev += dRecurrent @ W_hh`,
  /// `dW_hh += dRecurrent^T @ h_prev` and `db_hh +=` the column sums of `dRecurrent` (`[B, gates]`).
  private static func backpropagateRecurrent(
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
  private static func projectRecurrent(
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
  private static func recurrentInputGradients(
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
}
