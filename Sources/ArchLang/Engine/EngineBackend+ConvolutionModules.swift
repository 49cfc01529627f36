import EvoTensor

// The modules that slide over the sequence: convolutions and pooling.
extension EngineBackend {
  /// `nn.Conv1d`, `nn.LazyConv1d` and the pooling layers.
  static let convolutionModuleBuilders: [String: ModuleBuilder] = [
    "Conv1d": { backend, arguments throws(ArchLangError) in try backend.convolutionModule(arguments) },
    "LazyConv1d": { backend, arguments throws(ArchLangError) in try backend.convolutionModule(arguments) },
    "MaxPool1d": { backend, arguments throws(ArchLangError) in try backend.maxPoolModule(arguments) },
    "AvgPool1d": { backend, arguments throws(ArchLangError) in try backend.averagePoolModule(arguments) },
    "AdaptiveAvgPool1d": { backend, arguments throws(ArchLangError) in
      backend.bridgedValue(arguments, .adaptiveAvgPool(size: try arguments.int("output_size", minimum: 1)))
    },
    "AdaptiveMaxPool1d": { backend, arguments throws(ArchLangError) in try backend.adaptiveMaxPoolModule(arguments) },
  ]

  /// `nn.Conv1d` and `nn.LazyConv1d`, with PyTorch's padding strings.
  func convolutionModule(_ arguments: CallArguments) throws(ArchLangError) -> Value {
    let lazy = arguments.signature.name == "LazyConv1d"
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
      return bridgedValue(
        arguments,
        .lazyConv(
          outChannels: outChannels, kernel: kernel, stride: stride, padding: padding, dilation: dilation,
          groups: groups,
          bias: bias))
    }
    guard inChannels % groups == 0 else { throw arguments.error("in_channels must be divisible by groups") }
    try allocate(
      parameters: outChannels &* (inChannels / groups) &* kernel &+ (bias ? outChannels : 0),
      for: "nn.Conv1d(\(inChannels), \(outChannels), \(kernel))", at: arguments.location)
    let module = Conv1d(
      inChannels, outChannels, kernelSize: kernel, stride: stride, padding: padding, dilation: dilation,
      groups: groups,
      bias: bias, using: &generator)
    return layerValue(arguments, module, .conv(module))
  }

  /// `nn.MaxPool1d`.
  func maxPoolModule(_ arguments: CallArguments) throws(ArchLangError) -> Value {
    guard !(try arguments.bool("return_indices")) else {
      throw arguments.unsupported("return_indices=True is not supported")
    }
    let kernel = try arguments.int("kernel_size", minimum: 1)
    return bridgedValue(
      arguments,
      .maxPool(
        kernel: kernel, stride: try arguments.optionalInt("stride", minimum: 1) ?? kernel,
        padding: try arguments.int("padding", minimum: 0), dilation: try arguments.int("dilation", minimum: 1),
        ceilMode: try arguments.bool("ceil_mode")))
  }

  /// `nn.AvgPool1d`.
  func averagePoolModule(_ arguments: CallArguments) throws(ArchLangError) -> Value {
    let kernel = try arguments.int("kernel_size", minimum: 1)
    return bridgedValue(
      arguments,
      .avgPool(
        kernel: kernel, stride: try arguments.optionalInt("stride", minimum: 1) ?? kernel,
        padding: try arguments.int("padding", minimum: 0), ceilMode: try arguments.bool("ceil_mode"),
        countIncludePad: try arguments.bool("count_include_pad")))
  }

  /// `nn.AdaptiveMaxPool1d`.
  func adaptiveMaxPoolModule(_ arguments: CallArguments) throws(ArchLangError) -> Value {
    guard !(try arguments.bool("return_indices")) else {
      throw arguments.unsupported("return_indices=True is not supported")
    }
    return bridgedValue(arguments, .adaptiveMaxPool(size: try arguments.int("output_size", minimum: 1)))
  }
}
