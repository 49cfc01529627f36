import EvoTensor

/// An engine module whose forward pass runs interpreted code: user `nn.Module` subclasses, containers, pooling and
/// lazy layers. Parameters and children are registered under PyTorch's names, so trainers and `loadState` see the
/// same `state_dict` as PyTorch.
///
/// The engine calls `forward` without error handling; a failure there is recorded in `failure` and the pass returns
/// NaNs of the last good output shape, so a training loop finishes and its caller reports the program's error.
public final class BridgedModule: Module {
  /// The program's forward pass.
  var body: ((Tensor) throws(ArchLangError) -> Tensor)?
  /// The first error a forward pass called through the engine hit.
  public private(set) var failure: ArchLangError?
  /// The output shape of the last successful pass, to shape the NaN result after a failure.
  private var lastOutputShape: [Int]?

  override init() {
    super.init()
  }

  /// Remembers the output shape of a pass run outside `run` (the compile-time example pass).
  func noteOutputShape(_ shape: [Int]) {
    lastOutputShape = shape
  }

  /// Runs the forward pass, throwing the program's error.
  public func run(_ input: Tensor) throws(ArchLangError) -> Tensor {
    guard let body else {
      throw ArchLangError(.runtime, "this module has no forward pass", at: .start)
    }
    let output = try body(input)
    lastOutputShape = output.shape
    return output
  }

  public override func forward(_ input: Tensor) -> Tensor {
    do {
      return try run(input)
    } catch {
      if failure == nil { failure = error }
      var shape = lastOutputShape ?? [input.shape.first ?? 1, 1]
      if !shape.isEmpty, let batch = input.shape.first { shape[0] = batch }
      return Tensor.full(shape, .nan, requiresGrad: true)
    }
  }
}
