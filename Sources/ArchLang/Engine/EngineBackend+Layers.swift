import EvoTensor

/// Checked forms of the engine's layer computations: each validates shapes with PyTorch's error messages first.
extension EngineBackend {
  func checkResult(_ shape: [Int], at location: SourceLocation) throws(ArchLangError) {
    try ShapeRules.checkSize(shape, limits: limits, at: location)
    if shape.contains(0) {
      throw ArchLangError(
        .unsupported, "tensors with a zero-sized dimension are not supported (shape \(shape))", at: location)
    }
  }

  func linear(_ x: Tensor, weight: Tensor, bias: Tensor?, at location: SourceLocation) throws(ArchLangError) -> Tensor {
    guard x.rank >= 1, weight.rank == 2 else {
      throw ArchLangError(
        .runtime, "linear: input must have at least one dimension, got shape \(x.shape)", at: location)
    }
    guard x.shape[x.rank - 1] == weight.shape[1] else {
      throw ArchLangError(
        .runtime,
        "mat1 and mat2 shapes cannot be multiplied (\(x.count / Swift.max(x.shape[x.rank - 1], 1))x\(x.shape[x.rank - 1]) and \(weight.shape[1])x\(weight.shape[0])): Linear(in_features=\(weight.shape[1]), out_features=\(weight.shape[0])) got input of shape \(x.shape)",
        at: location)
    }
    try checkResult(Array(x.shape.dropLast()) + [weight.shape[0]], at: location)
    try interpreter.compute(2, x.count, weight.shape[0], at: location)
    return x.linear(weight: weight, bias: bias)
  }

  func conv(_ x: Tensor, _ layer: Conv1d, at location: SourceLocation) throws(ArchLangError) -> Tensor {
    guard x.rank == 2 || x.rank == 3 else {
      throw ArchLangError(
        .runtime, "Expected 2D (unbatched) or 3D (batched) input to conv1d, but got input of size: \(x.shape)",
        at: location)
    }
    let input = x.rank == 2 ? x.unsqueezed(0) : x
    guard input.shape[1] == layer.inChannels else {
      throw ArchLangError(
        .runtime,
        "Given groups=\(layer.groups), weight of size \(layer.weight.shape), expected input\(x.shape) to have \(layer.inChannels) channels, but got \(input.shape[1]) channels instead",
        at: location)
    }
    let length = Tensor.slidingOutputLength(
      length: input.shape[2], kernel: layer.kernelSize, stride: layer.stride, padding: layer.padding,
      dilation: layer.dilation)
    guard length > 0 else {
      throw ArchLangError(
        .runtime,
        "Calculated output size is \(length) for input length \(input.shape[2]) (Conv1d kernel \(layer.kernelSize), stride \(layer.stride), padding \(layer.padding), dilation \(layer.dilation)): the input is too short",
        at: location)
    }
    try checkResult([input.shape[0], layer.outChannels, length], at: location)
    try interpreter.compute(
      2, input.shape[0], layer.outChannels, length, layer.inChannels / Swift.max(layer.groups, 1), layer.kernelSize,
      at: location)
    let output = layer.forward(input)
    return x.rank == 2 ? output.squeezed(0) : output
  }

  private func checkPoolInput(_ x: Tensor, _ name: String, at location: SourceLocation) throws(ArchLangError) {
    guard x.rank == 2 || x.rank == 3 else {
      throw ArchLangError(.runtime, "\(name): expected 2D or 3D input, but got input of size \(x.shape)", at: location)
    }
  }

  /// Rejects a pooling whose output would be empty and charges its cost (a kernel-sized window per output).
  private func chargePool(
    _ x: Tensor, _ name: String, kernel: Int, stride: Int, padding: Int, dilation: Int, ceilMode: Bool,
    at location: SourceLocation
  ) throws(ArchLangError) {
    let inputLength = x.shape[x.rank - 1]
    let length = Tensor.slidingOutputLength(
      length: inputLength, kernel: kernel, stride: stride, padding: padding, dilation: dilation, ceilMode: ceilMode)
    guard length > 0 else {
      throw ArchLangError(
        .runtime,
        "\(name): input length \(inputLength) is too short for kernel size \(kernel) (output size \(length))",
        at: location)
    }
    try interpreter.compute(Self.elementCost, x.count / Swift.max(inputLength, 1), length, kernel, at: location)
  }

  func maxPool(
    _ x: Tensor, kernel: Int, stride: Int, padding: Int, dilation: Int, ceilMode: Bool, at location: SourceLocation
  ) throws(ArchLangError) -> Tensor {
    try checkPoolInput(x, "max_pool1d", at: location)
    guard kernel >= 1, stride >= 1, padding >= 0, dilation >= 1 else {
      throw ArchLangError(
        .runtime, "max_pool1d: kernel, stride and dilation must be positive and padding non-negative", at: location)
    }
    guard padding * 2 <= kernel else {
      throw ArchLangError(.runtime, "max_pool1d: pad should be at most half of effective kernel size", at: location)
    }
    try chargePool(
      x, "max_pool1d", kernel: kernel, stride: stride, padding: padding, dilation: dilation, ceilMode: ceilMode,
      at: location)
    return x.maxPool1d(kernel: kernel, stride: stride, padding: padding, dilation: dilation, ceilMode: ceilMode)
  }

  func avgPool(
    _ x: Tensor, kernel: Int, stride: Int, padding: Int, ceilMode: Bool, countIncludePad: Bool,
    at location: SourceLocation
  ) throws(ArchLangError) -> Tensor {
    try checkPoolInput(x, "avg_pool1d", at: location)
    guard kernel >= 1, stride >= 1, padding >= 0 else {
      throw ArchLangError(
        .runtime, "avg_pool1d: kernel and stride must be positive and padding non-negative", at: location)
    }
    guard padding * 2 <= kernel else {
      throw ArchLangError(.runtime, "avg_pool1d: pad should be at most half of kernel size", at: location)
    }
    try chargePool(
      x, "avg_pool1d", kernel: kernel, stride: stride, padding: padding, dilation: 1, ceilMode: ceilMode,
      at: location)
    return x.avgPool1d(
      kernel: kernel, stride: stride, padding: padding, ceilMode: ceilMode, countIncludePad: countIncludePad)
  }

  func adaptivePool(_ x: Tensor, size: Int, maximum: Bool, at location: SourceLocation) throws(ArchLangError) -> Tensor
  {
    try checkPoolInput(x, maximum ? "adaptive_max_pool1d" : "adaptive_avg_pool1d", at: location)
    guard size >= 1 else {
      throw ArchLangError(.runtime, "adaptive pooling: output_size must be positive", at: location)
    }
    try checkResult(Array(x.shape.dropLast()) + [size], at: location)
    try interpreter.compute(
      Self.elementCost, x.count + x.count / Swift.max(x.shape[x.rank - 1], 1) * size, at: location)
    return maximum ? x.adaptiveMaxPool1d(size) : x.adaptiveAvgPool1d(size)
  }

  func batchNorm(_ x: Tensor, _ layer: BatchNorm1d, training: Bool, at location: SourceLocation) throws(ArchLangError)
    -> Tensor
  {
    guard x.rank == 2 || x.rank == 3 else {
      throw ArchLangError(
        .runtime, "BatchNorm1d: expected 2D or 3D input (got \(x.rank)D input of shape \(x.shape))", at: location)
    }
    guard x.shape[1] == layer.features else {
      throw ArchLangError(
        .runtime,
        "BatchNorm1d(\(layer.features)): running_mean should contain \(x.shape[1]) elements not \(layer.features) (input shape \(x.shape))",
        at: location)
    }
    if training && x.count / layer.features <= 1 {
      throw ArchLangError(
        .runtime, "Expected more than 1 value per channel when training, got input size \(x.shape)", at: location)
    }
    layer.setTraining(training)
    try interpreter.compute(Self.elementCost, 5, x.count, at: location)
    return layer.forward(x)
  }

  func layerNorm(_ x: Tensor, shape: [Int], weight: Tensor?, bias: Tensor?, epsilon: Float, at location: SourceLocation)
    throws(ArchLangError) -> Tensor
  {
    guard Array(x.shape.suffix(shape.count)) == shape else {
      throw ArchLangError(
        .runtime,
        "Given normalized_shape=\(shape), expected input with shape [*, \(shape.map(String.init).joined(separator: ", "))], but got input of size \(x.shape)",
        at: location)
    }
    if let weight, weight.shape != shape {
      throw ArchLangError(.runtime, "layer_norm: weight of shape \(weight.shape) does not match \(shape)", at: location)
    }
    if let bias, bias.shape != shape {
      throw ArchLangError(.runtime, "layer_norm: bias of shape \(bias.shape) does not match \(shape)", at: location)
    }
    try interpreter.compute(Self.elementCost, 5, x.count, at: location)
    return x.layerNorm(normalizedShape: shape, weight: weight, bias: bias, epsilon: epsilon)
  }

  func groupNorm(_ x: Tensor, _ layer: GroupNorm, at location: SourceLocation) throws(ArchLangError) -> Tensor {
    guard x.rank >= 2, x.shape[1] == layer.channels else {
      throw ArchLangError(
        .runtime,
        "GroupNorm(\(layer.groups), \(layer.channels)) expected input of shape [N, \(layer.channels), *], got \(x.shape)",
        at: location)
    }
    try interpreter.compute(Self.elementCost, 5, x.count, at: location)
    return layer.forward(x)
  }

  /// PyTorch's choice of softmax dimension when none is given (deprecated, but still what it does).
  func softmaxDim(_ dim: Int?, rank: Int, at location: SourceLocation) throws(ArchLangError) -> Int {
    if let dim { return try ShapeRules.axis(dim, rank: rank, at: location) }
    return rank == 0 || rank == 1 || rank == 3 ? 0 : 1
  }

  func softmax(_ x: Tensor, dim: Int?, logarithmic: Bool, at location: SourceLocation) throws(ArchLangError) -> Tensor {
    let axis = try softmaxDim(dim, rank: x.rank, at: location)
    let source = x.rank == 0 ? x.reshaped([1]) : x
    try interpreter.compute(Self.elementCost, 3, x.count, at: location)
    let result = logarithmic ? source.logSoftmax(dim: axis) : source.softmax(dim: axis)
    return x.rank == 0 ? result.reshaped([]) : result
  }

  func dropout(_ x: Tensor, probability: Float, training: Bool, at location: SourceLocation) throws(ArchLangError)
    -> Tensor
  {
    guard probability >= 0 && probability <= 1 else {
      throw ArchLangError(
        .runtime, "dropout probability has to be between 0 and 1, but got \(probability)", at: location)
    }
    return x.dropout(probability: probability, training: training, using: &generator)
  }

  func flatten(_ x: Tensor, start: Int, end: Int, at location: SourceLocation) throws(ArchLangError) -> Tensor {
    if x.rank == 0 { return x.reshaped([1]) }
    let first = try ShapeRules.axis(start, rank: x.rank, at: location)
    let last = try ShapeRules.axis(end, rank: x.rank, at: location)
    guard first <= last else {
      throw ArchLangError(.runtime, "flatten() has invalid args: start_dim cannot come after end_dim", at: location)
    }
    return x.flattened(from: first, to: last)
  }

  func unflatten(_ x: Tensor, dim: Int, sizes: [Int], at location: SourceLocation) throws(ArchLangError) -> Tensor {
    let axis = try ShapeRules.axis(dim, rank: x.rank, at: location)
    let resolved = try ShapeRules.resolve(sizes, count: x.shape[axis], from: [x.shape[axis]], at: location)
    return x.reshaped(Array(x.shape[..<axis]) + resolved + Array(x.shape[(axis + 1)...]))
  }

  func embedding(_ x: Tensor, _ layer: Embedding, at location: SourceLocation) throws(ArchLangError) -> Tensor {
    for value in x.detached().scalars where value.rounded() != value || value < 0 || Int(value) >= layer.entries {
      throw ArchLangError(
        .runtime,
        "Embedding(\(layer.entries), \(layer.width)) needs integer indices in [0, \(layer.entries)), got \(value)",
        at: location)
    }
    try checkResult(x.shape + [layer.width], at: location)
    try interpreter.compute(Self.elementCost, x.count, layer.width, at: location)
    return layer.forward(x)
  }

  func recurrent(_ layer: RecurrentLayer, _ positional: [Value], at location: SourceLocation) throws(ArchLangError)
    -> Value
  {
    let name = layer.cell == .gru ? "GRU" : "LSTM"
    guard positional.count == 1 || positional.count == 2, let x = EngineBackend.tensor(of: positional[0]) else {
      throw ArchLangError(
        .runtime, "\(name).forward expects an input tensor and an optional initial state", at: location)
    }
    guard x.rank == 2 || x.rank == 3 else {
      throw ArchLangError(
        .runtime, "\(name): Expected input to be 2D or 3D, got \(x.rank)D instead (shape \(x.shape))", at: location)
    }
    guard x.shape[x.rank - 1] == layer.inputSize else {
      throw ArchLangError(
        .runtime,
        "\(name): input.size(-1) must be equal to input_size. Expected \(layer.inputSize), got \(x.shape[x.rank - 1])",
        at: location)
    }
    let batch = x.rank == 2 ? nil : (layer.batchFirst ? x.shape[0] : x.shape[1])
    let stateShape =
      [layer.layerCount * (layer.bidirectional ? 2 : 1)] + (batch.map { [$0] } ?? []) + [layer.hiddenSize]
    var hidden: Tensor?
    var cell: Tensor?
    if positional.count == 2 {
      func state(_ value: Value, _ what: String) throws(ArchLangError) -> Tensor {
        guard let tensor = EngineBackend.tensor(of: value), tensor.shape == stateShape else {
          throw ArchLangError(
            .runtime,
            "\(name): expected \(what) of size \(stateShape), got \(EngineBackend.tensor(of: value)?.shape.description ?? value.typeName)",
            at: location)
        }
        return tensor
      }
      if layer.cell == .lstm {
        let pair = try interpreter.elements(of: positional[1], at: location)
        guard pair.count == 2 else {
          throw ArchLangError(.runtime, "LSTM expects the state as a tuple (h_0, c_0)", at: location)
        }
        hidden = try state(pair[0], "hidden state")
        cell = try state(pair[1], "cell state")
      } else if case .none = positional[1] {
      } else {
        hidden = try state(positional[1], "hidden state")
      }
    }
    try checkResult(x.shape.dropLast() + [layer.hiddenSize * (layer.bidirectional ? 2 : 1)], at: location)
    // Each step multiplies the input and the hidden state by every gate's weights, in each layer and direction.
    let gates = layer.cell == .lstm ? 4 : 3
    // Small products, one time step after another: about four times the cost of one large product per operation.
    try interpreter.compute(
      8, x.count / Swift.max(layer.inputSize, 1), gates * layer.hiddenSize,
      layer.inputSize + layer.hiddenSize * (layer.bidirectional ? 3 : 2), layer.layerCount,
      layer.bidirectional ? 2 : 1, at: location)
    let result = layer.run(x, hidden: hidden, cellState: cell)
    try interpreter.charge(result.output.count + 2 * result.hidden.count, at: location)
    let output = EngineBackend.wrap(result.output)
    if let finalCell = result.cell {
      return .tuple([output, .tuple([EngineBackend.wrap(result.hidden), EngineBackend.wrap(finalCell)])])
    }
    return .tuple([output, EngineBackend.wrap(result.hidden)])
  }
}
