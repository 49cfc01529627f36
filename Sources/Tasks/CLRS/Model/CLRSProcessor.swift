import EvoTensor

/// The Triplet-GMPNN processor (dm-clrs `processors.py` `PGN.__call__` as `MPNN`, `triplet_gmpnn`): one message
/// passing step with max aggregation over all senders, layer norm, a gate, and triplet messages.
///
/// ```
/// z    = [node_fts, hidden]                                                       [B, N, 2H]
/// msgs = m_1(z)_j + m_2(z)_i + m_e(e_ij) + m_g(g)   for the message i -> j        [B, N, N, H]
/// msgs = max_i MLP[H, H](relu(msgs))                                              [B, N, H]
/// ret  = LayerNorm(relu(o_1(z) + o_2(msgs)))
/// gate = sigmoid(gate_3(relu(gate_1(z) + gate_2(msgs))))          gate_3's bias starts at -3
/// h    = ret * gate + hidden * (1 - gate)
/// tri  = relu(triplet(z, edge_fts, graph_fts))                                    [B, N, N, H]
/// ```
/// The four maps of `z` are one `[4H, 2H]` linear map, and `o_2` and `gate_2` one `[2H, H]`.
final class CLRSProcessor {
  let hidden: Int
  let triplet: any CLRSTripletMessages
  /// m_1 | m_2 | o_1 | gate_1 over z.
  let nodeWeight: Tensor
  let nodeBias: Tensor
  let edgeWeight: Tensor
  let edgeBias: Tensor
  let graphWeight: Tensor
  let graphBias: Tensor
  /// The message MLP: Linear(H), ReLU, Linear(H).
  let mlpWeights: [Tensor]
  let mlpBiases: [Tensor]
  /// o_2 | gate_2 over the aggregated messages.
  let messageWeight: Tensor
  let messageBias: Tensor
  let normScale: Tensor
  let normOffset: Tensor
  let gateWeight: Tensor
  let gateBias: Tensor

  init(hidden: Int, triplet: any CLRSTripletMessages, using generator: inout RandomSource) {
    let h = hidden
    self.hidden = hidden
    self.triplet = triplet
    // Four haiku linears of fan-in 2H stacked: the same distribution as one [4H, 2H] draw.
    nodeWeight = CLRSInitializer.linearWeight(out: 4 * h, in: 2 * h, using: &generator)
    nodeBias = CLRSInitializer.bias(4 * h)
    edgeWeight = CLRSInitializer.linearWeight(out: h, in: h, using: &generator)
    edgeBias = CLRSInitializer.bias(h)
    graphWeight = CLRSInitializer.linearWeight(out: h, in: h, using: &generator)
    graphBias = CLRSInitializer.bias(h)
    mlpWeights = (0..<2).map { _ in CLRSInitializer.linearWeight(out: h, in: h, using: &generator) }
    mlpBiases = (0..<2).map { _ in CLRSInitializer.bias(h) }
    messageWeight = CLRSInitializer.linearWeight(out: 2 * h, in: h, using: &generator)
    messageBias = CLRSInitializer.bias(2 * h)
    normScale = Tensor.ones([h], requiresGrad: true)
    normOffset = Tensor.zeros([h], requiresGrad: true)
    gateWeight = CLRSInitializer.linearWeight(out: h, in: h, using: &generator)
    gateBias = CLRSInitializer.bias(h, value: -3)
  }

  /// The processor's own parameters, then the triplet function's.
  var parameters: [Tensor] {
    [nodeWeight, nodeBias, edgeWeight, edgeBias, graphWeight, graphBias] + mlpWeights + mlpBiases + [
      messageWeight, messageBias, normScale, normOffset, gateWeight, gateBias,
    ] + triplet.parameters
  }

  /// One step: the new hidden state `[B, N, H]` and the triplet messages `[B, N, N, H]`.
  func callAsFunction(nodes: Tensor, edges: Tensor, graph: Tensor, hidden state: Tensor) throws -> (
    hidden: Tensor, triplets: Tensor
  ) {
    let h = hidden
    let z = Tensor.concatenate([nodes, state], dim: -1)
    let zMaps = Tensor.linear(concatenating: [z], weight: nodeWeight, bias: nodeBias)
    func block(_ index: Int) -> Tensor { zMaps.sliced(dim: -1, start: index * h, end: (index + 1) * h) }
    let edgeMessages = Tensor.linear(concatenating: [edges], weight: edgeWeight, bias: edgeBias)
    let graphMessages = Tensor.linear(concatenating: [graph], weight: graphWeight, bias: graphBias)
    // msgs[b, i, j] = m_1(z_j) + m_2(z_i) + m_e(e_ij) + m_g(g), through the ReLU the MLP starts with.
    var messages = Tensor.broadcastSum(
      [block(0).unsqueezed(1), block(1).unsqueezed(2), edgeMessages, graphMessages.unsqueezed(1).unsqueezed(1)],
      relu: true)
    messages = Tensor.linear(concatenating: [messages], weight: mlpWeights[0], bias: mlpBiases[0]).relu()
    messages = Tensor.linear(concatenating: [messages], weight: mlpWeights[1], bias: mlpBiases[1])
    let aggregated = Tensor.broadcastSum([messages], reducedOver: 1, .max)
    let messageMaps = Tensor.linear(concatenating: [aggregated], weight: messageWeight, bias: messageBias)
    let output = Tensor.broadcastSum([block(2), messageMaps.sliced(dim: -1, start: 0, end: h)], relu: true)
      .layerNorm(normalizedShape: [h], weight: normScale, bias: normOffset)
    let gateInput = Tensor.broadcastSum([block(3), messageMaps.sliced(dim: -1, start: h, end: 2 * h)], relu: true)
    let gate = Tensor.linear(concatenating: [gateInput], weight: gateWeight, bias: gateBias).sigmoid()
    let next = state + gate * (output - state)
    let raw = try triplet.messages(z: z, edges: edges, graph: graph)
    let expected = [nodes.shape[0], nodes.shape[1], nodes.shape[1], h]
    guard raw.shape == expected else {
      throw CLRSModelError.tripletFunction("returned shape \(raw.shape), expected \(expected)")
    }
    return (next, raw.relu())
  }
}
