import EvoTensor
import MemberwiseInit

/// One parameter as dm-clrs stores it: haiku's `[in, out]` layout for linear weights.
@MemberwiseInit
public struct CLRSReferenceParameter: Sendable {
  public var shape: [Int]
  public var values: [Float]
}

extension CLRSNetwork {
  /// The haiku names of the triplet function's linear maps in dm-clrs's processor, by their role in
  /// `get_triplet_msgs` (`t_1`, `t_2`, `t_3` on z, `t_e_1`…`t_e_3` on edges, `t_g` on the graph, `o3` after the max).
  public static let referenceTripletRoles: [(role: String, module: String)] = [
    ("t_1", "linear_6"), ("t_2", "linear_7"), ("t_3", "linear_8"), ("t_e_1", "linear_9"), ("t_e_2", "linear_10"),
    ("t_e_3", "linear_11"), ("t_g", "linear_12"), ("o3", "linear_13"),
  ]

  private static let processorPrefix = "net/mpnn_aggr_clrs_processor/"
  private static let probePrefix = "net/~_construct_encoders_decoders/algo_0_"

  /// Copies a dm-clrs `BaselineModel`'s parameters (keyed `module/name`, e.g.
  /// `net/~_construct_encoders_decoders/algo_0_pos_enc_linear/w`) into this network, and returns the triplet
  /// function's as `role.w` / `role.b` (see `referenceTripletRoles`) for whoever owns that function.
  public func loadReferenceParameters(_ parameters: [String: CLRSReferenceParameter]) throws -> [String:
    CLRSReferenceParameter]
  {
    func get(_ name: String) throws -> CLRSReferenceParameter {
      guard let value = parameters[name] else { throw CLRSModelError.referenceParameters("no parameter \(name)") }
      return value
    }
    try loadEncoders(get)
    try loadProcessor(get)
    try loadDecoders(get)
    var triplet: [String: CLRSReferenceParameter] = [:]
    for (role, module) in Self.referenceTripletRoles {
      triplet[role + ".w"] = try get(Self.processorPrefix + module + "/w")
      triplet[role + ".b"] = try get(Self.processorPrefix + module + "/b")
    }
    return triplet
  }

  /// Writes haiku weight `w` (`[in, out]`) into rows `row..<row+out` of an `[out', in]` EvoTensor weight.
  public static func place(_ w: CLRSReferenceParameter, intoRows row: Int, of weight: Tensor) throws {
    let (fanIn, out) = try matrixShape(w)
    guard weight.rank == 2, weight.shape[1] == fanIn, row >= 0, row + out <= weight.shape[0] else {
      throw CLRSModelError.referenceParameters("a [\(fanIn), \(out)] weight does not fit rows of \(weight.shape)")
    }
    for o in 0..<out {
      for i in 0..<fanIn { weight.basePointer[(row + o) * fanIn + i] = w.values[i * out + o] }
    }
  }

  /// Writes haiku weight `w` (`[in, out]`) into columns `column..<column+in` of an `[out, in']` weight.
  public static func place(_ w: CLRSReferenceParameter, intoColumns column: Int, of weight: Tensor) throws {
    let (fanIn, out) = try matrixShape(w)
    guard weight.rank == 2, weight.shape[0] == out, column >= 0, column + fanIn <= weight.shape[1] else {
      throw CLRSModelError.referenceParameters("a [\(fanIn), \(out)] weight does not fit columns of \(weight.shape)")
    }
    let width = weight.shape[1]
    for o in 0..<out {
      for i in 0..<fanIn { weight.basePointer[o * width + column + i] = w.values[i * out + o] }
    }
  }

  public static func place(_ b: CLRSReferenceParameter, at offset: Int, of tensor: Tensor) throws {
    guard b.values.count == b.shape.reduce(1, *), offset >= 0, offset + b.values.count <= tensor.count else {
      throw CLRSModelError.referenceParameters("\(b.values.count) values do not fit at \(offset) of \(tensor.shape)")
    }
    (tensor.basePointer + offset).update(from: b.values, count: b.values.count)
  }

  /// `w`'s `(in, out)`, when it is a matrix whose values fill its shape.
  private static func matrixShape(_ w: CLRSReferenceParameter) throws -> (Int, Int) {
    guard w.shape.count == 2, w.values.count == w.shape[0] * w.shape[1] else {
      throw CLRSModelError.referenceParameters("a weight of shape \(w.shape) with \(w.values.count) values")
    }
    return (w.shape[0], w.shape[1])
  }

  private func loadEncoders(_ get: (String) throws -> CLRSReferenceParameter) throws {
    for (probes, weights) in [(layout.inputs, encoders.inputWeights), (layout.hints, encoders.hintWeights)] {
      for probe in probes {
        let name = Self.probePrefix + probe.spec.name + "_enc_linear"
        try Self.place(try get(name + "/w"), intoColumns: probe.column, of: weights[probe.target]!)
        try Self.place(try get(name + "/b"), at: probe.biasRow * hidden, of: encoders.biases[probe.target]!)
      }
    }
  }

  private func loadProcessor(_ get: (String) throws -> CLRSReferenceParameter) throws {
    let p = processor
    let prefix = Self.processorPrefix
    let singles: [(String, Tensor, Tensor)] = [
      ("linear", p.senderWeight, p.senderBias), ("linear_1", p.receiverWeight, p.receiverBias),
      ("linear_2", p.edgeWeight, p.edgeBias), ("linear_3", p.graphWeight, p.graphBias),
      ("mlp/~/linear_0", p.mlpWeights[0], p.mlpBiases[0]), ("mlp/~/linear_1", p.mlpWeights[1], p.mlpBiases[1]),
      ("linear_16", p.gateWeight, p.gateBias),
    ]
    for (module, weight, bias) in singles {
      try Self.place(try get(prefix + module + "/w"), intoRows: 0, of: weight)
      try Self.place(try get(prefix + module + "/b"), at: 0, of: bias)
    }
    // o_1 (linear_4) | o_2 (linear_5) and gate_1 (linear_14) | gate_2 (linear_15): column blocks over [z, msgs].
    let pairs: [([String], Tensor, [Tensor])] = [
      (["linear_4", "linear_5"], p.outputWeight, p.outputBiases),
      (["linear_14", "linear_15"], p.gateInputWeight, p.gateInputBiases),
    ]
    for (modules, weight, biases) in pairs {
      var column = 0
      for (module, bias) in zip(modules, biases) {
        let w = try get(prefix + module + "/w")
        try Self.place(w, intoColumns: column, of: weight)
        try Self.place(try get(prefix + module + "/b"), at: 0, of: bias)
        column += w.shape[0]
      }
    }
    try Self.place(try get(prefix + "layer_norm/scale"), at: 0, of: p.normScale)
    try Self.place(try get(prefix + "layer_norm/offset"), at: 0, of: p.normOffset)
  }

  private func loadDecoders(_ get: (String) throws -> CLRSReferenceParameter) throws {
    let d = decoders
    for probe in layout.decoded {
      let name = Self.probePrefix + probe.spec.name + "_dec_linear"
      func linear(_ index: Int) -> String { index == 0 ? name : name + "_\(index)" }
      func load(_ index: Int, rows row: Int, of weight: Tensor?, bias: Tensor?) throws {
        try Self.place(try get(linear(index) + "/w"), intoRows: row, of: weight!)
        try Self.place(try get(linear(index) + "/b"), at: row, of: bias!)
      }
      let width = probe.spec.featureWidth
      switch (probe.spec.location, probe.spec.type) {
      case (.node, .pointer), (.node, .permutationPointer):
        try load(0, rows: probe.nodeColumn, of: d.nodeWeight, bias: d.nodeBias)
        try load(1, rows: probe.nodeColumn + hidden, of: d.nodeWeight, bias: d.nodeBias)
        try load(2, rows: probe.edgeColumn, of: d.edgeWeight, bias: d.edgeBias)
        try load(3, rows: probe.pointerIndex, of: d.pointerWeight, bias: d.pointerBias)
      case (.node, _):
        try load(0, rows: probe.nodeColumn, of: d.nodeWeight, bias: d.nodeBias)
      case (.edge, _):
        try load(0, rows: probe.nodeColumn, of: d.nodeWeight, bias: d.nodeBias)
        try load(1, rows: probe.nodeColumn + width, of: d.nodeWeight, bias: d.nodeBias)
        try load(2, rows: probe.edgeColumn, of: d.edgeWeight, bias: d.edgeBias)
      case (.graph, _):
        try load(0, rows: probe.graphColumn, of: d.graphWeight, bias: d.graphBias)
        try load(1, rows: probe.graphColumn, of: d.graphFeatureWeight, bias: d.graphFeatureBias)
        if probe.spec.type == .pointer { try load(2, rows: probe.nodeColumn, of: d.nodeWeight, bias: d.nodeBias) }
      }
    }
  }
}
