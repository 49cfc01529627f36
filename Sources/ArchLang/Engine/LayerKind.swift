import EvoTensor

/// What a built-in layer computes, with the configuration its forward pass needs.
enum LayerKind {
  case linear(Linear)
  case conv(Conv1d)
  case batchNorm(BatchNorm1d)
  case layerNorm(LayerNorm)
  case groupNorm(GroupNorm)
  case activation(Activation)
  case softmax(dim: Int?, logarithmic: Bool)
  case dropout(probability: Float)
  case embedding(Embedding)
  case recurrent(RecurrentLayer)
  case identity
  case flatten(start: Int, end: Int)
  case unflatten(dim: Int, sizes: [Int])
  case maxPool(kernel: Int, stride: Int, padding: Int, dilation: Int, ceilMode: Bool)
  case avgPool(kernel: Int, stride: Int, padding: Int, ceilMode: Bool, countIncludePad: Bool)
  case adaptiveAvgPool(size: Int)
  case adaptiveMaxPool(size: Int)
  /// `LazyLinear`: becomes `.linear` on the first forward pass, when the input width is known.
  case lazyLinear(outFeatures: Int, bias: Bool)
  /// `LazyConv1d`: becomes `.conv` on the first forward pass.
  case lazyConv(outChannels: Int, kernel: Int, stride: Int, padding: Int, dilation: Int, groups: Int, bias: Bool)
  /// `LazyBatchNorm1d`: becomes `.batchNorm` on the first forward pass.
  case lazyBatchNorm(epsilon: Float, momentum: Float, affine: Bool)
}
