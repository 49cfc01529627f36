import EvoTensor

extension LayerValue {
  /// Runs the layer on its arguments (one tensor; recurrent layers also take an initial state).
  func forward(_ positional: [Value], at location: SourceLocation) throws(ArchLangError) -> Value {
    if case .recurrent(let layer) = kind { return try backend.recurrent(layer, positional, at: location) }
    guard positional.count == 1 else {
      throw ArchLangError(.runtime, "\(name).forward() takes exactly one input, got \(positional.count)", at: location)
    }
    guard let x = EngineBackend.tensor(of: positional[0]) else {
      throw ArchLangError(.runtime, "\(name) expects a Tensor input, got \(positional[0].typeName)", at: location)
    }
    return try backend.produced(try forwardTensor(x, at: location), at: location)
  }

  private func forwardTensor(_ x: Tensor, at location: SourceLocation) throws(ArchLangError) -> Tensor {
    try materializeIfLazy(x, at: location)
    switch kind {
    case .linear(let layer):
      let width = x.rank >= 1 ? x.shape[x.rank - 1] : nil
      return try fixingInputSize("in_features", written: layer.weight.shape[1], given: width) {
        () throws(ArchLangError) in
        try backend.linear(x, weight: layer.weight, bias: layer.bias, at: location)
      }
    case .conv(let layer):
      let channels = x.rank == 2 ? x.shape[0] : x.rank == 3 ? x.shape[1] : nil
      return try fixingInputSize("in_channels", written: layer.inChannels, given: channels) {
        () throws(ArchLangError) in
        try backend.conv(x, layer, at: location)
      }
    case .batchNorm(let layer): return try backend.batchNorm(x, layer, training: module.isTraining, at: location)
    case .layerNorm(let layer):
      return try backend.layerNorm(
        x, shape: layer.normalizedShape, weight: layer.weight, bias: layer.bias, epsilon: layer.epsilon, at: location)
    case .groupNorm(let layer): return try backend.groupNorm(x, layer, at: location)
    case .activation(let layer): return layer.forward(x)
    case .softmax(let dim, let logarithmic):
      return try backend.softmax(x, dim: dim, logarithmic: logarithmic, at: location)
    case .dropout(let probability):
      return try backend.dropout(x, probability: probability, training: module.isTraining, at: location)
    case .embedding(let layer): return try backend.embedding(x, layer, at: location)
    case .recurrent: throw ArchLangError(.runtime, "\(name) returns a tuple", at: location)
    case .identity: return x
    case .flatten(let start, let end): return try backend.flatten(x, start: start, end: end, at: location)
    case .unflatten(let dim, let sizes): return try backend.unflatten(x, dim: dim, sizes: sizes, at: location)
    case .maxPool(let kernel, let stride, let padding, let dilation, let ceilMode):
      return try backend.maxPool(
        x, kernel: kernel, stride: stride, padding: padding, dilation: dilation, ceilMode: ceilMode, at: location)
    case .avgPool(let kernel, let stride, let padding, let ceilMode, let countIncludePad):
      return try backend.avgPool(
        x, kernel: kernel, stride: stride, padding: padding, ceilMode: ceilMode, countIncludePad: countIncludePad,
        at: location)
    case .adaptiveAvgPool(let size): return try backend.adaptivePool(x, size: size, maximum: false, at: location)
    case .adaptiveMaxPool(let size): return try backend.adaptivePool(x, size: size, maximum: true, at: location)
    case .lazyLinear, .lazyConv, .lazyBatchNorm:
      throw ArchLangError(.runtime, "\(name) could not infer its input size", at: location)
    }
  }

  /// Runs `body`; when it fails and the layer was built for another input size than `given`, the error names the
  /// size that fits and where the layer was constructed.
  private func fixingInputSize(
    _ argument: String, written: Int, given: Int?, _ body: () throws(ArchLangError) -> Tensor
  ) throws(ArchLangError) -> Tensor {
    do {
      return try body()
    } catch var error {
      if let given, given != written, given > 0 {
        error.inputSizeFix = InputSizeFix(constructedAt: constructedAt, argument: argument, size: given)
      }
      throw error
    }
  }

  /// Builds a lazy layer's parameters from the first input it sees, registering them on the layer's own module
  /// (so `state_dict` names are those of the equivalent eager layer).
  private func materializeIfLazy(_ x: Tensor, at location: SourceLocation) throws(ArchLangError) {
    switch kind {
    case .lazyLinear(let outFeatures, let bias):
      guard x.rank >= 1 else {
        throw ArchLangError(.runtime, "LazyLinear needs an input with at least one dimension", at: location)
      }
      let inFeatures = x.shape[x.rank - 1]
      try backend.allocate(
        parameters: outFeatures &* inFeatures &+ (bias ? outFeatures : 0), for: "nn.LazyLinear", at: location)
      let layer = Linear(inFeatures, outFeatures, bias: bias, using: &backend.generator)
      module.registerParameter("weight", layer.weight)
      if let bias = layer.bias { module.registerParameter("bias", bias) }
      kind = .linear(layer)
    case .lazyConv(let outChannels, let kernel, let stride, let padding, let dilation, let groups, let bias):
      guard x.rank == 2 || x.rank == 3 else {
        throw ArchLangError(.runtime, "LazyConv1d expects a 2D or 3D input, got shape \(x.shape)", at: location)
      }
      let inChannels = x.shape[x.rank - 2]
      guard inChannels % groups == 0 else {
        throw ArchLangError(
          .runtime, "LazyConv1d: in_channels (\(inChannels)) must be divisible by groups (\(groups))", at: location)
      }
      try backend.allocate(
        parameters: outChannels &* (inChannels / groups) &* kernel &+ (bias ? outChannels : 0), for: "nn.LazyConv1d",
        at: location)
      let layer = Conv1d(
        inChannels, outChannels, kernelSize: kernel, stride: stride, padding: padding, dilation: dilation,
        groups: groups,
        bias: bias, using: &backend.generator)
      module.registerParameter("weight", layer.weight)
      if let bias = layer.bias { module.registerParameter("bias", bias) }
      kind = .conv(layer)
    case .lazyBatchNorm(let epsilon, let momentum, let affine):
      guard x.rank == 2 || x.rank == 3 else {
        throw ArchLangError(.runtime, "LazyBatchNorm1d expects a 2D or 3D input, got shape \(x.shape)", at: location)
      }
      let features = x.shape[1]
      try backend.allocate(parameters: affine ? 2 &* features : 0, for: "nn.LazyBatchNorm1d", at: location)
      let layer = BatchNorm1d(features, epsilon: epsilon, momentum: momentum, affine: affine)
      if let weight = layer.weight { module.registerParameter("weight", weight) }
      if let bias = layer.bias { module.registerParameter("bias", bias) }
      module.registerBuffer("running_mean", layer.runningMean)
      module.registerBuffer("running_var", layer.runningVariance)
      module.registerBuffer("num_batches_tracked", layer.batchesTracked)
      kind = .batchNorm(layer)
    default:
      break
    }
  }
}
