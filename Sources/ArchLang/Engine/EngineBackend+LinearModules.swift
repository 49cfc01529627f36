import EvoTensor

// The modules with weight matrices: linear maps, embeddings and recurrent layers.
extension EngineBackend {
  /// `nn.Linear`, `nn.LazyLinear`, `nn.Embedding`, `nn.GRU` and `nn.LSTM`.
  static let linearModuleBuilders: [String: ModuleBuilder] = [
    "Linear": { backend, arguments throws(ArchLangError) in try backend.linearModule(arguments) },
    "LazyLinear": { backend, arguments throws(ArchLangError) in
      backend.bridgedValue(
        arguments,
        .lazyLinear(outFeatures: try arguments.int("out_features", minimum: 1), bias: try arguments.bool("bias")))
    },
    "Embedding": { backend, arguments throws(ArchLangError) in try backend.embeddingModule(arguments) },
    "GRU": { backend, arguments throws(ArchLangError) in try backend.recurrentModule(arguments) },
    "LSTM": { backend, arguments throws(ArchLangError) in try backend.recurrentModule(arguments) },
  ]

  /// `nn.Linear(in_features, out_features, bias)`.
  func linearModule(_ arguments: CallArguments) throws(ArchLangError) -> Value {
    let inFeatures = try arguments.int("in_features", minimum: 1)
    let outFeatures = try arguments.int("out_features", minimum: 1)
    let bias = try arguments.bool("bias")
    try allocate(
      parameters: outFeatures &* inFeatures &+ (bias ? outFeatures : 0),
      for: "nn.Linear(\(inFeatures), \(outFeatures))", at: arguments.location)
    let module = Linear(inFeatures, outFeatures, bias: bias, using: &generator)
    return layerValue(arguments, module, .linear(module))
  }

  /// `nn.Embedding(num_embeddings, embedding_dim, padding_idx)`.
  func embeddingModule(_ arguments: CallArguments) throws(ArchLangError) -> Value {
    let entries = try arguments.int("num_embeddings", minimum: 1)
    let width = try arguments.int("embedding_dim", minimum: 1)
    guard case .none = arguments.value("max_norm") else { throw arguments.unsupported("max_norm is not supported") }
    var paddingIndex = try arguments.optionalInt("padding_idx")
    if let index = paddingIndex {
      guard index >= -entries && index < entries else {
        throw arguments.error("padding_idx must be within num_embeddings")
      }
      paddingIndex = index < 0 ? index + entries : index
    }
    try allocate(parameters: entries &* width, for: "nn.Embedding(\(entries), \(width))", at: arguments.location)
    let module = Embedding(entries, width, paddingIndex: paddingIndex, using: &generator)
    return layerValue(arguments, module, .embedding(module))
  }

  /// `nn.GRU` and `nn.LSTM`, counting every layer's and direction's weights before any is drawn.
  func recurrentModule(_ arguments: CallArguments) throws(ArchLangError) -> Value {
    let inputSize = try arguments.int("input_size", minimum: 1)
    let hidden = try arguments.int("hidden_size", minimum: 1)
    let layers = try arguments.int("num_layers", minimum: 1)
    let bias = try arguments.bool("bias")
    let bidirectional = try arguments.bool("bidirectional")
    if try arguments.float("dropout") > 0 && layers > 1 {
      throw arguments.unsupported("dropout between recurrent layers is not supported; add nn.Dropout after the layer")
    }
    if arguments.signature.name == "LSTM", try arguments.int("proj_size") != 0 {
      throw arguments.unsupported("proj_size is not supported")
    }
    let cell: RecurrentLayer.Cell = arguments.signature.name == "GRU" ? .gru : .lstm
    let gates = (cell == .gru ? 3 : 4) &* hidden
    let directions = bidirectional ? 2 : 1
    var count = 0
    for layerIndex in 0..<min(layers, 10_000) {
      let layerInput = layerIndex == 0 ? inputSize : hidden &* directions
      count = count &+ directions &* (gates &* (layerInput &+ hidden) &+ (bias ? 2 &* gates : 0))
      if count > limits.maximumParameters || count < 0 { break }
    }
    if layers > 10_000 { count = Int.max }
    try allocate(
      parameters: count < 0 ? Int.max : count, for: "nn.\(arguments.signature.name)(\(inputSize), \(hidden))",
      at: arguments.location)
    let module = RecurrentLayer(
      cell, inputSize: inputSize, hiddenSize: hidden, layerCount: layers, bias: bias,
      batchFirst: try arguments.bool("batch_first"), bidirectional: bidirectional, using: &generator)
    return layerValue(arguments, module, .recurrent(module))
  }
}
