/// The backward step of one recorded op: given the gradient of its result, the gradients of its inputs.
final class GradFunction {
  /// The tensors the op read; gradients flow to those that require them.
  let inputs: [Tensor]
  /// Maps the result's gradient to one gradient (or nil, for "none") per input, each shaped like that input.
  let backward: (Tensor) -> [Tensor?]

  init(inputs: [Tensor], backward: @escaping (Tensor) -> [Tensor?]) {
    self.inputs = inputs
    self.backward = backward
  }
}
