import EvoTensor

// The modules without weights that map a tensor elementwise or reshape it.
extension EngineBackend {
  /// The activations, `nn.Softmax`, `nn.Identity`, `nn.Flatten` and `nn.Unflatten`.
  static let activationModuleBuilders: [String: ModuleBuilder] = [
    "ReLU": { backend, arguments throws(ArchLangError) in backend.activationValue(arguments, .relu) },
    "GELU": { backend, arguments throws(ArchLangError) in try backend.geluModule(arguments) },
    "SiLU": { backend, arguments throws(ArchLangError) in backend.activationValue(arguments, .silu) },
    "Tanh": { backend, arguments throws(ArchLangError) in backend.activationValue(arguments, .tanh) },
    "Sigmoid": { backend, arguments throws(ArchLangError) in backend.activationValue(arguments, .sigmoid) },
    "LeakyReLU": { backend, arguments throws(ArchLangError) in
      backend.activationValue(arguments, .leakyReLU(negativeSlope: try arguments.float("negative_slope")))
    },
    "ELU": { backend, arguments throws(ArchLangError) in
      backend.activationValue(arguments, .elu(alpha: try arguments.float("alpha")))
    },
    "Softmax": { backend, arguments throws(ArchLangError) in
      backend.bridgedValue(arguments, .softmax(dim: try arguments.optionalInt("dim"), logarithmic: false))
    },
    "Identity": { backend, arguments throws(ArchLangError) in backend.bridgedValue(arguments, .identity) },
    "Flatten": { backend, arguments throws(ArchLangError) in
      backend.bridgedValue(
        arguments, .flatten(start: try arguments.int("start_dim"), end: try arguments.int("end_dim")))
    },
    "Unflatten": { backend, arguments throws(ArchLangError) in try backend.unflattenModule(arguments) },
  ]

  /// `nn.GELU` (the exact form only).
  func geluModule(_ arguments: CallArguments) throws(ArchLangError) -> Value {
    let approximate = try arguments.string("approximate") ?? "none"
    guard approximate == "none" else {
      throw arguments.unsupported("approximate='\(approximate)' is not supported; use 'none'")
    }
    return activationValue(arguments, .gelu)
  }

  /// `nn.Unflatten(dim, unflattened_size)`.
  func unflattenModule(_ arguments: CallArguments) throws(ArchLangError) -> Value {
    guard let sizes = try arguments.ints("unflattened_size"), !sizes.isEmpty else {
      throw arguments.error("unflattened_size must be a tuple of ints")
    }
    return bridgedValue(arguments, .unflatten(dim: try arguments.int("dim"), sizes: sizes))
  }
}
