/// Whether ops record the graph for autodiff; off inside `Tensor.withoutGrad`.
public enum GradMode {
  @TaskLocal public static var isEnabled = true
}

extension Tensor {
  /// Runs `body` without recording any op for autodiff (evaluation, optimizer updates). It throws what `body`
  /// throws, typed: a caller whose body throws `ArchLangError` catches an `ArchLangError`.
  public static func withoutGrad<T, Failure: Error>(_ body: () throws(Failure) -> T) throws(Failure) -> T {
    try withGradMode(false, body)
  }

  /// Runs `body` recording its ops for autodiff, also inside `withoutGrad` (a check that follows gradients).
  public static func withGrad<T, Failure: Error>(_ body: () throws(Failure) -> T) throws(Failure) -> T {
    try withGradMode(true, body)
  }

  private static func withGradMode<T, Failure: Error>(
    _ enabled: Bool, _ body: () throws(Failure) -> T
  ) throws(Failure) -> T {
    // The task-local's `withValue` rethrows untyped; the outcome crosses it as a value.
    let outcome: Result<T, Failure> = GradMode.$isEnabled.withValue(enabled) {
      do throws(Failure) {
        return .success(try body())
      } catch {
        return .failure(error)
      }
    }
    return try outcome.get()
  }

  /// Whether an op over `inputs` must record its backward step.
  static func needsGrad(_ inputs: [Tensor]) -> Bool {
    GradMode.isEnabled && inputs.contains { $0.requiresGrad }
  }

  /// Marks `self` as computed from `inputs` by an op whose backward step is `backward`, when any input needs it.
  @discardableResult
  func recording(_ inputs: [Tensor], _ backward: @escaping (Tensor) -> [Tensor?]) -> Tensor {
    if Tensor.needsGrad(inputs) {
      requiresGrad = true
      gradFunction = GradFunction(inputs: inputs, backward: backward)
    }
    return self
  }

  /// Computes the gradient of this tensor with respect to every tensor it depends on that requires one.
  ///
  /// `gradient` defaults to ones (so a scalar loss gets d loss / d loss = 1). Gradients accumulate into
  /// `grad` of leaves; the graph is released afterwards, as PyTorch does without `retain_graph`.
  public func backward(_ gradient: Tensor? = nil) {
    precondition(requiresGrad, "backward() on a tensor that does not require a gradient")
    let seed = gradient ?? Tensor.ones(shape)
    precondition(seed.shape == shape, "gradient shape \(seed.shape) does not match \(shape)")

    // Iterative post-order DFS: deep graphs (long loops in candidate programs) must not overflow the stack.
    var order: [Tensor] = []
    var visited = Set<ObjectIdentifier>()
    var stack: [(Tensor, Bool)] = [(self, false)]
    while let (node, expanded) = stack.popLast() {
      if expanded {
        order.append(node)
        continue
      }
      guard visited.insert(ObjectIdentifier(node)).inserted else { continue }
      stack.append((node, true))
      for input in node.gradFunction?.inputs ?? [] where input.requiresGrad {
        if !visited.contains(ObjectIdentifier(input)) { stack.append((input, false)) }
      }
    }

    var pending: [ObjectIdentifier: Tensor] = [ObjectIdentifier(self): seed.contiguous()]
    // Sums this pass allocated itself: nothing else holds them, so later contributions are added in place (a weight
    // used at every step of a recurrent network gets one buffer, not one per step).
    var accumulators = Set<ObjectIdentifier>()
    Tensor.withoutGrad {
      for node in order.reversed() {
        let id = ObjectIdentifier(node)
        guard let nodeGrad = pending.removeValue(forKey: id) else { continue }
        // No longer only ours once handed on (an identifier could also come back for a new tensor).
        accumulators.remove(ObjectIdentifier(nodeGrad))
        guard let function = node.gradFunction else {
          node.grad = node.grad.map { $0 + nodeGrad } ?? nodeGrad
          continue
        }
        let inputGrads = function.backward(nodeGrad)
        for (input, inputGrad) in zip(function.inputs, inputGrads) where input.requiresGrad {
          guard let inputGrad else { continue }
          precondition(inputGrad.shape == input.shape, "backward produced \(inputGrad.shape) for \(input.shape)")
          let key = ObjectIdentifier(input)
          guard let existing = pending[key] else {
            pending[key] = inputGrad
            continue
          }
          if accumulators.contains(ObjectIdentifier(existing)) {
            existing.addInPlace(inputGrad)
          } else {
            // Out of place the first time: a backward step may hand the same tensor to several inputs.
            let sum = existing + inputGrad
            accumulators.insert(ObjectIdentifier(sum))
            pending[key] = sum
          }
        }
        node.gradFunction = nil
      }
    }
  }

  /// `self += other` for a contiguous tensor of the same shape; not recorded.
  func addInPlace(_ other: Tensor) {
    let source = other.contiguous()
    let (target, values) = (basePointer, source.basePointer)
    withExtendedLifetime(source) {
      for i in 0..<count { target[i] += values[i] }
    }
  }

  /// Clears the accumulated gradient.
  public func zeroGrad() { grad = nil }
}
