import EvoTensor
import MemberwiseInit

/// What a classifier candidate must return: `[batch, classCount]` logits that depend on at least one trainable
/// parameter, so that training has something to change.
///
/// `check` applies it to its example pass, `train` (and every worker of a search) before training and to every
/// pass the trainer makes, so a program either meets it or is rejected with one of its sentences; nothing it
/// returns can reach the trainer's preconditions.
@MemberwiseInit
public struct OutputContract: Sendable, Hashable {
  /// The number of classes the logits must cover.
  public var classCount: Int

  /// Why `output` (from a pass over `input`) breaks the contract, or nil when it meets it. Whether the output
  /// reaches a parameter is known only from a pass that recorded gradients (`gradientsRecorded`).
  public func violation(of output: Tensor, input: Tensor, parameterCount: Int, gradientsRecorded: Bool) -> String? {
    let expected = [input.shape.first ?? 1, classCount]
    if output.shape != expected {
      return "the model must map \(input.shape) inputs to \(expected) logits, but it returned \(output.shape)"
    }
    guard gradientsRecorded else { return nil }
    if parameterCount == 0 {
      return "the model has no trainable parameters, so training cannot change what it returns"
    }
    if !output.requiresGrad {
      return "the model's output does not depend on any of its \(parameterCount) trainable parameters "
        + "(as when it returns a slice of the input or a .detach()ed tensor), so training cannot change it"
    }
    return nil
  }
}

extension CompiledModel {
  /// Runs one pass over `input` in evaluation mode with gradients recorded, as the contract needs to see whether
  /// the output reaches a parameter. Evaluation mode draws no dropout mask and updates no running statistics, so
  /// training afterwards starts exactly as it would have without this pass.
  public func recordedEvaluationPass(_ input: Tensor) throws(ArchLangError) -> Tensor {
    let wasTraining = module.isTraining
    module.setTraining(false)
    defer { module.setTraining(wasTraining) }
    return try Tensor.withGrad { () throws(ArchLangError) in try forward(input) }
  }

  /// Makes every pass the engine runs through `module` meet `contract`: a pass that does not is recorded in
  /// `failure` and gives NaN logits of the right shape, so a training loop finishes and reports the sentence.
  public func enforce(_ contract: OutputContract) {
    guard let bridged = module as? BridgedModule, let body = bridged.body else { return }
    let location = program.modelSelectionLocation
    // Training adds no parameters (lazy layers got theirs when the model was built).
    let parameterCount = parameterCount
    // A failed pass gives NaN logits of this shape (with the batch's size).
    bridged.noteOutputShape([1, contract.classCount])
    bridged.body = { (input) throws(ArchLangError) -> Tensor in
      let output = try body(input)
      if let problem = contract.violation(
        of: output, input: input, parameterCount: parameterCount, gradientsRecorded: GradMode.isEnabled)
      {
        throw ArchLangError(.runtime, problem, at: location)
      }
      return output
    }
  }
}
