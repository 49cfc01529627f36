import EvoTensor

extension EngineBackend {
  public func makeModule(
    _ signature: Signature, arguments bound: [String: Value], extraPositional: [Value], interpreter: Interpreter,
    at location: SourceLocation
  ) throws(ArchLangError) -> Value {
    let arguments = CallArguments(
      signature: signature, bound: bound, extraPositional: extraPositional, location: location, interpreter: interpreter
    )
    func layer(_ module: Module, _ kind: LayerKind) -> Value {
      .native(LayerValue(name: signature.name, module: module, kind: kind, backend: self))
    }
    func bridged(_ kind: LayerKind) -> Value {
      layer(BridgedModule(), kind)
    }
    func activation(_ kind: Activation.Kind) -> Value {
      let module = Activation(kind)
      return layer(module, .activation(module))
    }
    switch signature.name {
    case "Linear":
      let inFeatures = try arguments.int("in_features", minimum: 1)
      let outFeatures = try arguments.int("out_features", minimum: 1)
      let bias = try arguments.bool("bias")
      try allocate(
        parameters: outFeatures &* inFeatures &+ (bias ? outFeatures : 0),
        for: "nn.Linear(\(inFeatures), \(outFeatures))", at: location)
      let module = Linear(inFeatures, outFeatures, bias: bias, using: &generator)
      return layer(module, .linear(module))
    case "Conv1d", "LazyConv1d":
      let lazy = signature.name == "LazyConv1d"
      let inChannels = lazy ? 0 : try arguments.int("in_channels", minimum: 1)
      let outChannels = try arguments.int("out_channels", minimum: 1)
      let kernel = try arguments.int("kernel_size", minimum: 1)
      let stride = try arguments.int("stride", minimum: 1)
      let dilation = try arguments.int("dilation", minimum: 1)
      let groups = try arguments.int("groups", minimum: 1)
      let bias = try arguments.bool("bias")
      if let mode = try arguments.string("padding_mode"), mode != "zeros" {
        throw arguments.unsupported("padding_mode='\(mode)' is not supported; only 'zeros' is")
      }
      var padding: Int
      if case .string(let text) = arguments.value("padding") {
        switch text {
        case "valid": padding = 0
        case "same":
          guard stride == 1 else { throw arguments.error("padding='same' is not supported for strided convolutions") }
          let total = dilation * (kernel - 1)
          guard total % 2 == 0 else {
            throw arguments.unsupported("padding='same' with an even kernel is not supported; give an explicit padding")
          }
          padding = total / 2
        default: throw arguments.error("invalid padding string '\(text)', should be one of 'valid', 'same'")
        }
      } else {
        padding = try arguments.int("padding", minimum: 0)
      }
      guard outChannels % groups == 0 else { throw arguments.error("out_channels must be divisible by groups") }
      if lazy {
        return bridged(
          .lazyConv(
            outChannels: outChannels, kernel: kernel, stride: stride, padding: padding, dilation: dilation,
            groups: groups,
            bias: bias))
      }
      guard inChannels % groups == 0 else { throw arguments.error("in_channels must be divisible by groups") }
      try allocate(
        parameters: outChannels &* (inChannels / groups) &* kernel &+ (bias ? outChannels : 0),
        for: "nn.Conv1d(\(inChannels), \(outChannels), \(kernel))", at: location)
      let module = Conv1d(
        inChannels, outChannels, kernelSize: kernel, stride: stride, padding: padding, dilation: dilation,
        groups: groups,
        bias: bias, using: &generator)
      return layer(module, .conv(module))
    case "BatchNorm1d", "LazyBatchNorm1d":
      let epsilon = try arguments.float("eps")
      guard case .none = arguments.value("momentum") else {
        let momentum = try arguments.float("momentum")
        let affine = try arguments.bool("affine")
        guard try arguments.bool("track_running_stats") else {
          throw arguments.unsupported("track_running_stats=False is not supported")
        }
        if signature.name == "LazyBatchNorm1d" {
          return bridged(.lazyBatchNorm(epsilon: epsilon, momentum: momentum, affine: affine))
        }
        let features = try arguments.int("num_features", minimum: 1)
        try allocate(parameters: affine ? 2 &* features : 0, for: "nn.BatchNorm1d(\(features))", at: location)
        let module = BatchNorm1d(features, epsilon: epsilon, momentum: momentum, affine: affine)
        return layer(module, .batchNorm(module))
      }
      throw arguments.unsupported("momentum=None (a cumulative average) is not supported")
    case "LayerNorm":
      guard let shape = try arguments.ints("normalized_shape"), shape.allSatisfy({ $0 >= 1 }) else {
        throw arguments.error("normalized_shape must be a positive int or a tuple of positive ints")
      }
      let affine = try arguments.bool("elementwise_affine")
      let hasBias = try arguments.bool("bias")
      if affine && !hasBias { throw arguments.unsupported("bias=False is not supported") }
      let width = shape.reduce(1) { $0.multipliedReportingOverflow(by: $1).partialValue }
      try allocate(parameters: affine ? 2 &* width : 0, for: "nn.LayerNorm(\(shape))", at: location)
      let module = LayerNorm(shape, epsilon: try arguments.float("eps"), elementwiseAffine: affine)
      return layer(module, .layerNorm(module))
    case "GroupNorm":
      let groups = try arguments.int("num_groups", minimum: 1)
      let channels = try arguments.int("num_channels", minimum: 1)
      guard channels % groups == 0 else { throw arguments.error("num_channels must be divisible by num_groups") }
      let affine = try arguments.bool("affine")
      try allocate(parameters: affine ? 2 &* channels : 0, for: "nn.GroupNorm(\(groups), \(channels))", at: location)
      let module = GroupNorm(groups: groups, channels: channels, epsilon: try arguments.float("eps"), affine: affine)
      return layer(module, .groupNorm(module))
    case "Dropout":
      let probability = try arguments.float("p")
      guard probability >= 0 && probability <= 1 else {
        throw arguments.error("dropout probability has to be between 0 and 1, but got \(probability)")
      }
      return bridged(.dropout(probability: probability))
    case "MaxPool1d":
      guard !(try arguments.bool("return_indices")) else {
        throw arguments.unsupported("return_indices=True is not supported")
      }
      let kernel = try arguments.int("kernel_size", minimum: 1)
      return bridged(
        .maxPool(
          kernel: kernel, stride: try arguments.optionalInt("stride", minimum: 1) ?? kernel,
          padding: try arguments.int("padding", minimum: 0), dilation: try arguments.int("dilation", minimum: 1),
          ceilMode: try arguments.bool("ceil_mode")))
    case "AvgPool1d":
      let kernel = try arguments.int("kernel_size", minimum: 1)
      return bridged(
        .avgPool(
          kernel: kernel, stride: try arguments.optionalInt("stride", minimum: 1) ?? kernel,
          padding: try arguments.int("padding", minimum: 0), ceilMode: try arguments.bool("ceil_mode"),
          countIncludePad: try arguments.bool("count_include_pad")))
    case "AdaptiveAvgPool1d":
      return bridged(.adaptiveAvgPool(size: try arguments.int("output_size", minimum: 1)))
    case "AdaptiveMaxPool1d":
      guard !(try arguments.bool("return_indices")) else {
        throw arguments.unsupported("return_indices=True is not supported")
      }
      return bridged(.adaptiveMaxPool(size: try arguments.int("output_size", minimum: 1)))
    case "ReLU": return activation(.relu)
    case "GELU":
      let approximate = try arguments.string("approximate") ?? "none"
      guard approximate == "none" else {
        throw arguments.unsupported("approximate='\(approximate)' is not supported; use 'none'")
      }
      return activation(.gelu)
    case "SiLU": return activation(.silu)
    case "Tanh": return activation(.tanh)
    case "Sigmoid": return activation(.sigmoid)
    case "LeakyReLU": return activation(.leakyReLU(negativeSlope: try arguments.float("negative_slope")))
    case "ELU": return activation(.elu(alpha: try arguments.float("alpha")))
    case "Softmax": return bridged(.softmax(dim: try arguments.optionalInt("dim"), logarithmic: false))
    case "Identity": return bridged(.identity)
    case "Flatten": return bridged(.flatten(start: try arguments.int("start_dim"), end: try arguments.int("end_dim")))
    case "Unflatten":
      guard let sizes = try arguments.ints("unflattened_size"), !sizes.isEmpty else {
        throw arguments.error("unflattened_size must be a tuple of ints")
      }
      return bridged(.unflatten(dim: try arguments.int("dim"), sizes: sizes))
    case "Embedding":
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
      try allocate(parameters: entries &* width, for: "nn.Embedding(\(entries), \(width))", at: location)
      let module = Embedding(entries, width, paddingIndex: paddingIndex, using: &generator)
      return layer(module, .embedding(module))
    case "GRU", "LSTM":
      let inputSize = try arguments.int("input_size", minimum: 1)
      let hidden = try arguments.int("hidden_size", minimum: 1)
      let layers = try arguments.int("num_layers", minimum: 1)
      let bias = try arguments.bool("bias")
      let bidirectional = try arguments.bool("bidirectional")
      if try arguments.float("dropout") > 0 && layers > 1 {
        throw arguments.unsupported("dropout between recurrent layers is not supported; add nn.Dropout after the layer")
      }
      if signature.name == "LSTM", try arguments.int("proj_size") != 0 {
        throw arguments.unsupported("proj_size is not supported")
      }
      let cell: RecurrentLayer.Cell = signature.name == "GRU" ? .gru : .lstm
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
        parameters: count < 0 ? Int.max : count, for: "nn.\(signature.name)(\(inputSize), \(hidden))", at: location)
      let module = RecurrentLayer(
        cell, inputSize: inputSize, hiddenSize: hidden, layerCount: layers, bias: bias,
        batchFirst: try arguments.bool("batch_first"), bidirectional: bidirectional, using: &generator)
      return layer(module, .recurrent(module))
    case "Sequential":
      let container = ContainerValue(kind: .sequential, backend: self)
      for value in extraPositional { try container.append(value, at: location) }
      return .native(container)
    case "ModuleList":
      let container = ContainerValue(kind: .moduleList, backend: self)
      if case .none = arguments.value("modules") {
      } else {
        for value in try interpreter.elements(of: arguments.value("modules"), at: location) {
          try container.append(value, at: location)
        }
      }
      return .native(container)
    case "ModuleDict":
      let container = ContainerValue(kind: .moduleDict, backend: self)
      switch arguments.value("modules") {
      case .none: break
      case .dict(let storage):
        for (key, value) in zip(storage.keys, storage.values) {
          guard case .string(let name) = key else { throw arguments.error("ModuleDict keys must be strings") }
          try container.append(value, key: name, at: location)
        }
      case let other:
        for pair in try interpreter.elements(of: other, at: location) {
          let items = try interpreter.elements(of: pair, at: location)
          guard items.count == 2, case .string(let name) = items[0] else {
            throw arguments.error("ModuleDict expects a dict or (name, module) pairs")
          }
          try container.append(items[1], key: name, at: location)
        }
      }
      return .native(container)
    case "LazyLinear":
      return bridged(
        .lazyLinear(outFeatures: try arguments.int("out_features", minimum: 1), bias: try arguments.bool("bias")))
    default:
      throw ArchLangError(
        .unsupported,
        interpreter.catalog.unknownNameMessage(qualifiedName: signature.qualifiedName, written: signature.displayName),
        at: location)
    }
  }
}
