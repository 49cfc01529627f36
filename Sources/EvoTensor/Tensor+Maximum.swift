extension Tensor {
  /// The element-wise maximum of two broadcast tensors (`torch.maximum`).
  public func maximum(_ other: Tensor) -> Tensor { extremum(with: other, larger: true) }

  /// The element-wise minimum of two broadcast tensors (`torch.minimum`).
  public func minimum(_ other: Tensor) -> Tensor { extremum(with: other, larger: false) }

  /// The gradient goes to the operand that was chosen, half to each on a tie, as PyTorch's does.
  private func extremum(with other: Tensor, larger: Bool) -> Tensor {
    let result = Tensor.zipValues(self, other) { larger ? Swift.max($0, $1) : Swift.min($0, $1) }
    return result.recording([self, other]) { g in
      let (a, b) = (self.detached(), other.detached())
      let share = Tensor.zipValues(a, b) { x, y in x == y ? 0.5 : ((x > y) == larger ? 1 : 0) }
      return [
        self.requiresGrad ? (g * share).reducedByBroadcast(to: self.shape) : nil,
        other.requiresGrad ? (g * (1 - share)).reducedByBroadcast(to: other.shape) : nil,
      ]
    }
  }
}
