import EvoTensor

/// The decoders of a CLRS network (dm-clrs `decoders.py`), reading `h_t = [node_fts, h_prev, h_new]` `[B, N, 3H]`,
/// `e_t = [edge_fts, tri_msgs]` `[B, N, N, 2H]` and the graph features:
/// - node scalar, mask, mask_one: `Linear(1)(h_t)`; categorical: `Linear(C)(h_t)`;
/// - node pointer: `p_1 = L(H)(h_t)`, `p_2 = L(H)(h_t)`, `p_3 = L(H)(e_t)`,
///   `logits[b, i, j] = L(1)(max(p_1[i], p_2[j] + p_3[j, i]))`;
/// - edge probes: `L(1)(h_t)_i + L(1)(h_t)_j + L(1)(e_t)_ij`;
/// - graph probes: `L(·)(max over nodes of h_t) + L(·)(graph_fts)` (a graph pointer adds `L(1)(h_t)` per node).
/// Every linear map that reads the same input is a column block of one matrix, and the per-probe arithmetic after
/// them is one fused kernel (`CLRSDecoderHead`), so a step decodes every probe with four GEMMs.
final class CLRSDecoders {
  let layout: CLRSProbeLayout
  let nodeWeight: Tensor?
  let nodeBias: Tensor?
  let edgeWeight: Tensor?
  let edgeBias: Tensor?
  /// Over `max_nodes(h_t)` and over `graph_fts`, each with its own biases.
  let graphWeight: Tensor?
  let graphBias: Tensor?
  let graphFeatureWeight: Tensor?
  let graphFeatureBias: Tensor?
  /// Each pointer's read-out `Linear(1)` over `H`: `[pointers, H]` and `[pointers]`.
  let pointerWeight: Tensor?
  let pointerBias: Tensor?

  init(layout: CLRSProbeLayout, using generator: inout RandomSource) {
    self.layout = layout
    let h = layout.hidden
    func linear(_ out: Int, _ fanIn: Int) -> (Tensor?, Tensor?) {
      guard out > 0 else { return (nil, nil) }
      return (CLRSInitializer.linearWeight(out: out, in: fanIn, using: &generator), CLRSInitializer.bias(out))
    }
    (nodeWeight, nodeBias) = linear(layout.nodeDecoderWidth, 3 * h)
    (edgeWeight, edgeBias) = linear(layout.edgeDecoderWidth, 2 * h)
    (graphWeight, graphBias) = linear(layout.graphDecoderWidth, 3 * h)
    (graphFeatureWeight, graphFeatureBias) = linear(layout.graphDecoderWidth, h)
    (pointerWeight, pointerBias) = linear(layout.pointerCount, h)
  }

  var parameters: [Tensor] {
    [
      nodeWeight, nodeBias, edgeWeight, edgeBias, graphWeight, graphBias, graphFeatureWeight, graphFeatureBias,
      pointerWeight, pointerBias,
    ].compactMap { $0 }
  }

  /// Every decoded probe's logits for one step, as views into one packed tensor, in `layout.decoded`'s order.
  func callAsFunction(
    nodes: Tensor, previous: Tensor, next: Tensor, edges: Tensor, triplets: Tensor, graph: Tensor,
    probes: [CLRSProbeLayout.DecodedProbe], logitCount: Int
  ) -> [Tensor] {
    let nodeOut = nodeWeight.map {
      Tensor.linear(concatenating: [nodes, previous, next], weight: $0, bias: nodeBias)
    }
    let edgeOut = edgeWeight.map {
      Tensor.linear(concatenating: [edges, triplets], weight: $0, bias: edgeBias)
    }
    var graphOut: Tensor?
    if let graphWeight, let graphFeatureWeight {
      let pooled = [nodes, previous, next].map { Tensor.broadcastSum([$0], reducedOver: 1, .max) }
      graphOut = Tensor.broadcastSum([
        Tensor.linear(concatenating: pooled, weight: graphWeight, bias: graphBias),
        Tensor.linear(concatenating: [graph], weight: graphFeatureWeight, bias: graphFeatureBias),
      ])
    }
    let head = CLRSDecoderHead(
      probes: probes, hidden: layout.hidden, batchSize: nodes.shape[0], nodeCount: nodes.shape[1],
      logitCount: logitCount)
    let packed = head(
      nodeOut: nodeOut, edgeOut: edgeOut, graphOut: graphOut, pointerWeight: pointerWeight, pointerBias: pointerBias)
    return probes.map { probe in
      let count = probe.logitsShape.reduce(1, *)
      return packed.sliced(dim: 0, start: probe.logitsOffset, end: probe.logitsOffset + count).reshaped(
        probe.logitsShape)
    }
  }
}
