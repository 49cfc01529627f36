/// The scores of a model's output predictions: per output probe and their mean (dm-clrs `evaluation.py`).
public struct CLRSScores: Sendable, Equatable, Codable {
  /// Per output probe (a permutation pointer and its `_mask` count as one output, named after the pointer).
  public var outputs: [String: Double]
  /// The mean over outputs: the task's score.
  public var score: Double
}

/// dm-clrs's evaluation of hard predictions against the true outputs (`clrs.evaluate`, `evaluation.py`):
/// - mask: F1 of `pred > 0.5` against `truth > 0.5`, counts pooled over every element given (nodes or all N×N
///   edge entries of every graph); precision (recall) is 1 when nothing is predicted (true); entries whose truth is
///   -1 (`OutputClass.MASKED`) are left out;
/// - mask_one and categorical: accuracy of the argmax over the last axis (rows whose truth is all -1 left out);
/// - pointer: the fraction of nodes whose pointer equals the truth;
/// - permutation_pointer plus its `_mask`: first fused into a pointer (`fuse_perm_and_mask`), then as pointer;
/// - scalar: mean squared error.
///
/// Predictions must already be hard (the model's post-processing). To score a split as run.py does, pass all of its
/// batches at once (`evaluate(batches:)`): the counts pool over the split, so F1 is not a mean of batch F1s.
public enum CLRSEvaluation {
  /// Scores `predictions` (matched by name) against `outputs`, both `[B, …]` arrays in the batch layout.
  public static func evaluate(outputs: [CLRSProbeArray], predictions: [CLRSProbeArray]) -> CLRSScores {
    let truths = fusingPermutations(outputs)
    let predicted = fusingPermutations(predictions)
    var scores: [String: Double] = [:]
    for truth in truths {
      guard let prediction = predicted.first(where: { $0.spec.name == truth.spec.name }) else {
        preconditionFailure("no prediction for output \(truth.spec.name)")
      }
      precondition(
        prediction.values.count == truth.values.count,
        "\(truth.spec.name): \(prediction.values.count) predicted values for \(truth.values.count)")
      scores[truth.spec.name] = score(
        prediction.values, truth.values, type: truth.spec.type, last: truth.shape.last ?? 1)
    }
    let mean = truths.isEmpty ? 0 : truths.reduce(0) { $0 + scores[$1.spec.name]! } / Double(truths.count)
    return CLRSScores(outputs: scores, score: mean)
  }

  /// Scores a whole split given batch by batch: the batches are concatenated first (run.py's `collect_and_eval`).
  public static func evaluate(batches: [(outputs: [CLRSProbeArray], predictions: [CLRSProbeArray])]) -> CLRSScores {
    precondition(!batches.isEmpty, "no batches to evaluate")
    return evaluate(
      outputs: concatenated(batches.map(\.outputs)), predictions: concatenated(batches.map(\.predictions)))
  }

  /// The score of one output type on flat arrays (`last` is the size of the last axis, for argmax types).
  public static func score(_ prediction: [Float], _ truth: [Float], type: CLRSProbeType, last: Int) -> Double {
    switch type {
    case .mask: maskF1(prediction, truth)
    case .maskOne, .categorical: argmaxAccuracy(prediction, truth, classes: last)
    case .pointer, .permutationPointer: pointerAccuracy(prediction, truth)
    case .scalar: meanSquaredError(prediction, truth)
    }
  }

  /// `_mask_fn`: F1 from counts pooled over all elements, skipping truth -1.
  public static func maskF1(_ prediction: [Float], _ truth: [Float]) -> Double {
    var truePositives = 0.0
    var falsePositives = 0.0
    var falseNegatives = 0.0
    for (p, t) in zip(prediction, truth) where t != -1 {
      if p > 0.5 && t > 0.5 { truePositives += 1 }
      if p > 0.5 && t < 0.5 { falsePositives += 1 }
      if p < 0.5 && t > 0.5 { falseNegatives += 1 }
    }
    let precision = truePositives + falsePositives > 0 ? truePositives / (truePositives + falsePositives) : 1
    let recall = truePositives + falseNegatives > 0 ? truePositives / (truePositives + falseNegatives) : 1
    return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
  }

  /// `_eval_one`: the fraction of rows (of `classes` values) whose argmax matches the truth's, rows with any truth
  /// -1 left out.
  public static func argmaxAccuracy(_ prediction: [Float], _ truth: [Float], classes: Int) -> Double {
    precondition(classes >= 1 && truth.count % classes == 0, "argmax accuracy over rows of \(classes)")
    var correct = 0
    var counted = 0
    for row in 0..<(truth.count / classes) {
      let range = (row * classes)..<((row + 1) * classes)
      if truth[range].contains(-1) { continue }
      counted += 1
      if argmax(prediction[range]) == argmax(truth[range]) { correct += 1 }
    }
    return Double(correct) / Double(counted)
  }

  /// The fraction of pointers equal to the truth.
  public static func pointerAccuracy(_ prediction: [Float], _ truth: [Float]) -> Double {
    guard !truth.isEmpty else { return 0 }
    return Double(zip(prediction, truth).filter { $0 == $1 }.count) / Double(truth.count)
  }

  public static func meanSquaredError(_ prediction: [Float], _ truth: [Float]) -> Double {
    guard !truth.isEmpty else { return 0 }
    return zip(prediction, truth).reduce(0) { $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1) } / Double(truth.count)
  }

  /// `fuse_perm_and_mask`: a permutation pointer `[…, N, N]` and its mask `[…, N]` as a node pointer `[…, N]`:
  /// masked nodes point to themselves, the others to the argmax of their row.
  public static func fusePermutation(_ permutation: CLRSProbeArray, mask: CLRSProbeArray) -> CLRSProbeArray {
    let n = permutation.shape.last ?? 0
    precondition(
      permutation.spec.type == .permutationPointer && mask.spec.type == .maskOne
        && Array(permutation.shape.dropLast()) == mask.shape, "fuse \(permutation.spec.name) with \(mask.spec.name)")
    let values = mask.values.indices.map { row -> Float in
      mask.values[row] > 0.5 ? Float(row % n) : Float(argmax(permutation.values[(row * n)..<((row + 1) * n)]))
    }
    var spec = permutation.spec
    spec.type = .pointer
    return CLRSProbeArray(spec: spec, shape: mask.shape, values: values)
  }

  /// Arrays with every permutation pointer fused with its `NAME_mask` (`_reduce_permutations_tuple`).
  static func fusingPermutations(_ arrays: [CLRSProbeArray]) -> [CLRSProbeArray] {
    arrays.compactMap { array in
      if array.spec.type == .permutationPointer {
        guard let mask = arrays.first(where: { $0.spec.name == array.spec.name + "_mask" }) else {
          preconditionFailure("permutation pointer \(array.spec.name) without \(array.spec.name)_mask")
        }
        return fusePermutation(array, mask: mask)
      }
      let isPermutationMask =
        array.spec.name.hasSuffix("_mask")
        && arrays.contains { $0.spec.type == .permutationPointer && $0.spec.name + "_mask" == array.spec.name }
      return isPermutationMask ? nil : array
    }
  }

  /// Batches of the same probes concatenated along the batch axis (the first).
  public static func concatenated(_ batches: [[CLRSProbeArray]]) -> [CLRSProbeArray] {
    guard let first = batches.first else { return [] }
    return first.indices.map { index in
      let parts = batches.map { $0[index] }
      precondition(
        parts.allSatisfy { $0.spec.name == parts[0].spec.name && $0.shape.dropFirst() == parts[0].shape.dropFirst() },
        "batches with different probes or shapes")
      let count = parts.reduce(0) { $0 + ($1.shape.first ?? 1) }
      return CLRSProbeArray(
        spec: parts[0].spec, shape: [count] + parts[0].shape.dropFirst(), values: parts.flatMap(\.values))
    }
  }

  /// The first index of the largest value (numpy's `argmax`).
  static func argmax(_ values: ArraySlice<Float>) -> Int {
    var best = values.startIndex
    for index in values.indices where values[index] > values[best] { best = index }
    return best - values.startIndex
  }
}
