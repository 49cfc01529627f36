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
/// Each sum of linear maps is one fused call (`Tensor.linear(concatenating:weight:bias:adding:relu:)`): the messages
/// keep one `[B, N, N, H]` tensor, not four; `o_1(z) + o_2(msgs)` and `gate_1(z) + gate_2(msgs)` are one GEMM pair
/// each, their weights side by side (`[H, 3H]`) and their biases apart, as the reference has them.
final class CLRSProcessor {
  let hidden: Int
  let triplet: any CLRSTripletMessages
  /// m_1 and m_2 over z (`[H, 2H]`), m_e over edges, m_g over the graph (`[H, H]`).
  let senderWeight: Tensor
  let senderBias: Tensor
  let receiverWeight: Tensor
  let receiverBias: Tensor
  let edgeWeight: Tensor
  let edgeBias: Tensor
  let graphWeight: Tensor
  let graphBias: Tensor
  /// The message MLP: Linear(H), ReLU, Linear(H).
  let mlpWeights: [Tensor]
  let mlpBiases: [Tensor]
  /// o_1 | o_2 over [z, msgs] (`[H, 3H]`), with o_1's and o_2's biases.
  let outputWeight: Tensor
  let outputBiases: [Tensor]
  let normScale: Tensor
  let normOffset: Tensor
  /// gate_1 | gate_2 over [z, msgs], then gate_3.
  let gateInputWeight: Tensor
  let gateInputBiases: [Tensor]
  let gateWeight: Tensor
  let gateBias: Tensor

  init(hidden: Int, triplet: any CLRSTripletMessages, using generator: inout RandomSource) {
    let h = hidden
    self.hidden = hidden
    self.triplet = triplet
    senderWeight = CLRSInitializer.linearWeight(out: h, in: 2 * h, using: &generator)
    senderBias = CLRSInitializer.bias(h)
    receiverWeight = CLRSInitializer.linearWeight(out: h, in: 2 * h, using: &generator)
    receiverBias = CLRSInitializer.bias(h)
    edgeWeight = CLRSInitializer.linearWeight(out: h, in: h, using: &generator)
    edgeBias = CLRSInitializer.bias(h)
    graphWeight = CLRSInitializer.linearWeight(out: h, in: h, using: &generator)
    graphBias = CLRSInitializer.bias(h)
    mlpWeights = (0..<2).map { _ in CLRSInitializer.linearWeight(out: h, in: h, using: &generator) }
    mlpBiases = (0..<2).map { _ in CLRSInitializer.bias(h) }
    outputWeight = Self.sideBySide(h, fanIns: [2 * h, h], using: &generator)
    outputBiases = [CLRSInitializer.bias(h), CLRSInitializer.bias(h)]
    normScale = Tensor.ones([h], requiresGrad: true)
    normOffset = Tensor.zeros([h], requiresGrad: true)
    gateInputWeight = Self.sideBySide(h, fanIns: [2 * h, h], using: &generator)
    gateInputBiases = [CLRSInitializer.bias(h), CLRSInitializer.bias(h)]
    gateWeight = CLRSInitializer.linearWeight(out: h, in: h, using: &generator)
    gateBias = CLRSInitializer.bias(h, value: -3)
  }

  /// Weights of linear maps to `out` features from inputs of `fanIns` features, side by side in one `[out, Σ]`
  /// matrix, each block drawn as haiku draws it for its own fan-in.
  private static func sideBySide(_ out: Int, fanIns: [Int], using generator: inout RandomSource) -> Tensor {
    let blocks = fanIns.map { CLRSInitializer.linearWeight(out: out, in: $0, using: &generator).scalars }
    let width = fanIns.reduce(0, +)
    var values = [Float](repeating: 0, count: out * width)
    var column = 0
    for (block, fanIn) in zip(blocks, fanIns) {
      for o in 0..<out {
        for i in 0..<fanIn { values[o * width + column + i] = block[o * fanIn + i] }
      }
      column += fanIn
    }
    return Tensor(values, shape: [out, width], requiresGrad: true)
  }

  /// The processor's own parameters, then the triplet function's.
  var parameters: [Tensor] {
    [senderWeight, senderBias, receiverWeight, receiverBias, edgeWeight, edgeBias, graphWeight, graphBias]
      + mlpWeights + mlpBiases + [outputWeight] + outputBiases + [normScale, normOffset, gateInputWeight]
      + gateInputBiases + [gateWeight, gateBias] + triplet.parameters
  }

  /// One step: the new hidden state `[B, N, H]` and the triplet messages `[B, N, N, H]`.
  func callAsFunction(nodes: Tensor, edges: Tensor, graph: Tensor, hidden state: Tensor) throws -> (
    hidden: Tensor, triplets: Tensor
  ) {
    let h = hidden
    let z = Tensor.concatenate([nodes, state], dim: -1)
    let senders = Tensor.linear(concatenating: [z], weight: senderWeight, bias: senderBias)
    let receivers = Tensor.linear(concatenating: [z], weight: receiverWeight, bias: receiverBias)
    let graphMessages = Tensor.linear(concatenating: [graph], weight: graphWeight, bias: graphBias)
    // msgs[b, i, j] = m_1(z_j) + m_2(z_i) + m_e(e_ij) + m_g(g), through the ReLU the MLP starts with.
    var messages = Tensor.linear(
      concatenating: [edges], weight: edgeWeight, bias: edgeBias,
      adding: [senders.unsqueezed(1), receivers.unsqueezed(2), graphMessages.unsqueezed(1).unsqueezed(1)], relu: true)
    messages = Tensor.linear(concatenating: [messages], weight: mlpWeights[0], bias: mlpBiases[0], relu: true)
    messages = Tensor.linear(concatenating: [messages], weight: mlpWeights[1], bias: mlpBiases[1])
    let aggregated = Tensor.broadcastSum([messages], reducedOver: 1, .max)
    let output = Tensor.linear(
      concatenating: [z, aggregated], weight: outputWeight, bias: outputBiases[0], adding: [outputBiases[1]],
      relu: true
    ).layerNorm(normalizedShape: [h], weight: normScale, bias: normOffset)
    let gateInput = Tensor.linear(
      concatenating: [z, aggregated], weight: gateInputWeight, bias: gateInputBiases[0], adding: [gateInputBiases[1]],
      relu: true)
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
