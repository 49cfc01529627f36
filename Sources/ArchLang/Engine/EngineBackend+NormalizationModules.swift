import EvoTensor

// The modules that normalize or drop activations.
extension EngineBackend {
  /// `nn.BatchNorm1d`, `nn.LazyBatchNorm1d`, `nn.LayerNorm`, `nn.GroupNorm` and `nn.Dropout`.
  static let normalizationModuleBuilders: [String: ModuleBuilder] = [
    "BatchNorm1d": { backend, arguments throws(ArchLangError) in try backend.batchNormModule(arguments) },
    "LazyBatchNorm1d": { backend, arguments throws(ArchLangError) in try backend.batchNormModule(arguments) },
    "LayerNorm": { backend, arguments throws(ArchLangError) in try backend.layerNormModule(arguments) },
    "GroupNorm": { backend, arguments throws(ArchLangError) in try backend.groupNormModule(arguments) },
    "Dropout": { backend, arguments throws(ArchLangError) in try backend.dropoutModule(arguments) },
  ]

  /// `nn.BatchNorm1d` and `nn.LazyBatchNorm1d`.
  func batchNormModule(_ arguments: CallArguments) throws(ArchLangError) -> Value {
    let epsilon = try arguments.float("eps")
    guard case .none = arguments.value("momentum") else {
      let momentum = try arguments.float("momentum")
      let affine = try arguments.bool("affine")
      guard try arguments.bool("track_running_stats") else {
        throw arguments.unsupported("track_running_stats=False is not supported")
      }
      if arguments.signature.name == "LazyBatchNorm1d" {
        return bridgedValue(arguments, .lazyBatchNorm(epsilon: epsilon, momentum: momentum, affine: affine))
      }
      let features = try arguments.int("num_features", minimum: 1)
      try allocate(parameters: affine ? 2 &* features : 0, for: "nn.BatchNorm1d(\(features))", at: arguments.location)
      let module = BatchNorm1d(features, epsilon: epsilon, momentum: momentum, affine: affine)
      return layerValue(arguments, module, .batchNorm(module))
    }
    throw arguments.unsupported("momentum=None (a cumulative average) is not supported")
  }

  /// `nn.LayerNorm`.
  func layerNormModule(_ arguments: CallArguments) throws(ArchLangError) -> Value {
    guard let shape = try arguments.ints("normalized_shape"), shape.allSatisfy({ $0 >= 1 }) else {
      throw arguments.error("normalized_shape must be a positive int or a tuple of positive ints")
    }
    let affine = try arguments.bool("elementwise_affine")
    let hasBias = try arguments.bool("bias")
    if affine && !hasBias { throw arguments.unsupported("bias=False is not supported") }
    let width = shape.reduce(1) { $0.multipliedReportingOverflow(by: $1).partialValue }
    try allocate(parameters: affine ? 2 &* width : 0, for: "nn.LayerNorm(\(shape))", at: arguments.location)
    let module = LayerNorm(shape, epsilon: try arguments.float("eps"), elementwiseAffine: affine)
    return layerValue(arguments, module, .layerNorm(module))
  }

  /// `nn.GroupNorm`.
  func groupNormModule(_ arguments: CallArguments) throws(ArchLangError) -> Value {
    let groups = try arguments.int("num_groups", minimum: 1)
    let channels = try arguments.int("num_channels", minimum: 1)
    guard channels % groups == 0 else { throw arguments.error("num_channels must be divisible by num_groups") }
    let affine = try arguments.bool("affine")
    try allocate(
      parameters: affine ? 2 &* channels : 0, for: "nn.GroupNorm(\(groups), \(channels))", at: arguments.location)
    let module = GroupNorm(groups: groups, channels: channels, epsilon: try arguments.float("eps"), affine: affine)
    return layerValue(arguments, module, .groupNorm(module))
  }

  /// `nn.Dropout`.
  func dropoutModule(_ arguments: CallArguments) throws(ArchLangError) -> Value {
    let probability = try arguments.float("p")
    guard probability >= 0 && probability <= 1 else {
      throw arguments.error("dropout probability has to be between 0 and 1, but got \(probability)")
    }
    return bridgedValue(arguments, .dropout(probability: probability))
  }
}
