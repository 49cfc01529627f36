import EvoTensor

/// The per-probe arithmetic of the decoders after their linear maps, as one differentiable kernel that writes every
/// probe's logits into one packed vector (see `CLRSDecoders`).
///
/// Fusing matters for pointers: `max(p_1[i], p_2[j] + p_3[j, i])` is a `[B, N, N, H]` tensor per pointer probe that
/// is read once by `Linear(1)`; here it is never stored, and backward recomputes which side won.
struct CLRSDecoderHead {
  let probes: [CLRSProbeLayout.DecodedProbe]
  let hidden: Int
  let batchSize: Int
  let nodeCount: Int
  let logitCount: Int

  /// Reading pointers into the linear maps' results, for the kernel loops.
  private struct Buffers {
    var node: UnsafeMutablePointer<Float>?
    var edge: UnsafeMutablePointer<Float>?
    var graph: UnsafeMutablePointer<Float>?
    var pointerWeight: UnsafeMutablePointer<Float>?
    var pointerBias: UnsafeMutablePointer<Float>?
    var nodeWidth = 0
    var edgeWidth = 0
    var graphWidth = 0
  }

  func callAsFunction(
    nodeOut: Tensor?, edgeOut: Tensor?, graphOut: Tensor?, pointerWeight: Tensor?, pointerBias: Tensor?
  ) -> Tensor {
    let inputs = [nodeOut, edgeOut, graphOut, pointerWeight, pointerBias].map { $0?.contiguous() }
    let result = Tensor.zeros([logitCount])
    let values = Buffers(
      node: inputs[0]?.basePointer, edge: inputs[1]?.basePointer, graph: inputs[2]?.basePointer,
      pointerWeight: inputs[3]?.basePointer, pointerBias: inputs[4]?.basePointer,
      nodeWidth: nodeOut?.shape.last ?? 0, edgeWidth: edgeOut?.shape.last ?? 0, graphWidth: graphOut?.shape.last ?? 0)
    withExtendedLifetime(inputs) { forward(values, into: result.basePointer) }
    let recorded = [nodeOut, edgeOut, graphOut, pointerWeight, pointerBias].compactMap { $0 }
    return result.differentiable(from: recorded) { g in
      let gradient = g.contiguous()
      let grads = [nodeOut, edgeOut, graphOut, pointerWeight, pointerBias].map { $0.map { Tensor.zeros($0.shape) } }
      let targets = Buffers(
        node: grads[0]?.basePointer, edge: grads[1]?.basePointer, graph: grads[2]?.basePointer,
        pointerWeight: grads[3]?.basePointer, pointerBias: grads[4]?.basePointer, nodeWidth: values.nodeWidth,
        edgeWidth: values.edgeWidth, graphWidth: values.graphWidth)
      withExtendedLifetime((inputs, gradient)) {
        self.backward(values, gradient: gradient.basePointer, into: targets)
      }
      // Typed, or the compactMap would keep the nils as Tensor?? values.
      let present: [Tensor] = grads.compactMap { $0 }
      return present
    }
  }

  private func forward(_ x: Buffers, into out: UnsafeMutablePointer<Float>) {
    let (b, n) = (batchSize, nodeCount)
    for probe in probes {
      let o = out + probe.logitsOffset
      switch (probe.spec.location, probe.spec.type) {
      case (.node, .pointer), (.node, .permutationPointer):
        forwardPointer(probe, x, into: o)
      case (.node, _):
        let width = probe.spec.featureWidth
        for row in 0..<(b * n) {
          for k in 0..<width { o[row * width + k] = x.node![row * x.nodeWidth + probe.nodeColumn + k] }
        }
      case (.edge, _):
        let width = probe.spec.featureWidth
        for s in 0..<b {
          for i in 0..<n {
            for j in 0..<n {
              let sender = x.node! + (s * n + i) * x.nodeWidth + probe.nodeColumn
              let receiver = x.node! + (s * n + j) * x.nodeWidth + probe.nodeColumn + width
              let edge = x.edge! + ((s * n + i) * n + j) * x.edgeWidth + probe.edgeColumn
              for k in 0..<width { o[((s * n + i) * n + j) * width + k] = sender[k] + receiver[k] + edge[k] }
            }
          }
        }
      case (.graph, .pointer):
        for s in 0..<b {
          let graphValue = x.graph![s * x.graphWidth + probe.graphColumn]
          for i in 0..<n { o[s * n + i] = graphValue + x.node![(s * n + i) * x.nodeWidth + probe.nodeColumn] }
        }
      case (.graph, _):
        let width = probe.spec.featureWidth
        for s in 0..<b {
          for k in 0..<width { o[s * width + k] = x.graph![s * x.graphWidth + probe.graphColumn + k] }
        }
      }
    }
  }

  /// `logits[b, i, j] = bias + Σ_h w_h · max(p_1[b, i, h], p_2[b, j, h] + p_3[b, j, i, h])`.
  private func forwardPointer(_ probe: CLRSProbeLayout.DecodedProbe, _ x: Buffers, into o: UnsafeMutablePointer<Float>)
  {
    let (b, n, h) = (batchSize, nodeCount, hidden)
    let w = x.pointerWeight! + probe.pointerIndex * h
    let bias = x.pointerBias![probe.pointerIndex]
    for s in 0..<b {
      for i in 0..<n {
        let p1 = x.node! + (s * n + i) * x.nodeWidth + probe.nodeColumn
        for j in 0..<n {
          let p2 = x.node! + (s * n + j) * x.nodeWidth + probe.nodeColumn + h
          let p3 = x.edge! + ((s * n + j) * n + i) * x.edgeWidth + probe.edgeColumn
          var lanes = SIMD8<Float>.zero
          var k = 0
          while k + 8 <= h {
            let second = load8(p2 + k) + load8(p3 + k)
            lanes += load8(w + k) * pointwiseMax(load8(p1 + k), second)
            k += 8
          }
          var total = bias + lanes.sum()
          while k < h {
            total += w[k] * Swift.max(p1[k], p2[k] + p3[k])
            k += 1
          }
          o[(s * n + i) * n + j] = total
        }
      }
    }
  }

  private func backward(_ x: Buffers, gradient g: UnsafeMutablePointer<Float>, into d: Buffers) {
    let (b, n) = (batchSize, nodeCount)
    for probe in probes {
      let go = g + probe.logitsOffset
      switch (probe.spec.location, probe.spec.type) {
      case (.node, .pointer), (.node, .permutationPointer):
        backwardPointer(probe, x, gradient: go, into: d)
      case (.node, _):
        let width = probe.spec.featureWidth
        guard let dNode = d.node else { continue }
        for row in 0..<(b * n) {
          for k in 0..<width { dNode[row * d.nodeWidth + probe.nodeColumn + k] += go[row * width + k] }
        }
      case (.edge, _):
        let width = probe.spec.featureWidth
        for s in 0..<b {
          for i in 0..<n {
            for j in 0..<n {
              let row = ((s * n + i) * n + j) * width
              for k in 0..<width {
                let value = go[row + k]
                d.node?[(s * n + i) * d.nodeWidth + probe.nodeColumn + k] += value
                d.node?[(s * n + j) * d.nodeWidth + probe.nodeColumn + width + k] += value
                d.edge?[((s * n + i) * n + j) * d.edgeWidth + probe.edgeColumn + k] += value
              }
            }
          }
        }
      case (.graph, .pointer):
        for s in 0..<b {
          for i in 0..<n {
            let value = go[s * n + i]
            d.graph?[s * d.graphWidth + probe.graphColumn] += value
            d.node?[(s * n + i) * d.nodeWidth + probe.nodeColumn] += value
          }
        }
      case (.graph, _):
        let width = probe.spec.featureWidth
        for s in 0..<b {
          for k in 0..<width { d.graph?[s * d.graphWidth + probe.graphColumn + k] += go[s * width + k] }
        }
      }
    }
  }

  private func backwardPointer(
    _ probe: CLRSProbeLayout.DecodedProbe, _ x: Buffers, gradient go: UnsafeMutablePointer<Float>, into d: Buffers
  ) {
    let (b, n, h) = (batchSize, nodeCount, hidden)
    let w = x.pointerWeight! + probe.pointerIndex * h
    let dw = d.pointerWeight.map { $0 + probe.pointerIndex * h }
    var dBias: Float = 0
    // Scratch rows so that the inner loop is branch-free per element.
    var dFirst = [Float](repeating: 0, count: h)
    dFirst.withUnsafeMutableBufferPointer { dFirstRow in
      let dp1 = dFirstRow.baseAddress!
      for s in 0..<b {
        for i in 0..<n {
          let p1 = x.node! + (s * n + i) * x.nodeWidth + probe.nodeColumn
          dp1.update(repeating: 0, count: h)
          for j in 0..<n {
            let gradient = go[(s * n + i) * n + j]
            if gradient == 0 { continue }
            dBias += gradient
            let p2 = x.node! + (s * n + j) * x.nodeWidth + probe.nodeColumn + h
            let p3 = x.edge! + ((s * n + j) * n + i) * x.edgeWidth + probe.edgeColumn
            let dp2 = d.node.map { $0 + (s * n + j) * d.nodeWidth + probe.nodeColumn + h }
            let dp3 = d.edge.map { $0 + ((s * n + j) * n + i) * d.edgeWidth + probe.edgeColumn }
            let gradients = SIMD8<Float>(repeating: gradient)
            var k = 0
            while k + 8 <= h {
              let first = load8(p1 + k)
              let second = load8(p2 + k) + load8(p3 + k)
              let firstWins = first .>= second
              let scaled = gradients * load8(w + k)
              if let dw { store8(dw + k, load8(dw + k) + gradients * second.replacing(with: first, where: firstWins)) }
              store8(dp1 + k, load8(dp1 + k) + SIMD8<Float>.zero.replacing(with: scaled, where: firstWins))
              let toSecond = scaled.replacing(with: 0, where: firstWins)
              if let dp2 { store8(dp2 + k, load8(dp2 + k) + toSecond) }
              if let dp3 { store8(dp3 + k, load8(dp3 + k) + toSecond) }
              k += 8
            }
            while k < h {
              let second = p2[k] + p3[k]
              let firstWins = p1[k] >= second
              let scaled = gradient * w[k]
              dw?[k] += gradient * (firstWins ? p1[k] : second)
              if firstWins {
                dp1[k] += scaled
              } else {
                dp2?[k] += scaled
                dp3?[k] += scaled
              }
              k += 1
            }
          }
          if let dNode = d.node {
            let target = dNode + (s * n + i) * d.nodeWidth + probe.nodeColumn
            for k in 0..<h { target[k] += dp1[k] }
          }
        }
      }
    }
    d.pointerBias?[probe.pointerIndex] += dBias
  }
}

@inline(__always) private func load8(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
  UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
}

@inline(__always) private func load8(_ p: UnsafeMutablePointer<Float>) -> SIMD8<Float> {
  UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
}

@inline(__always) private func store8(_ p: UnsafeMutablePointer<Float>, _ value: SIMD8<Float>) {
  UnsafeMutableRawPointer(p).storeBytes(of: value, as: SIMD8<Float>.self)
}
