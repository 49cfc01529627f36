import EvoTensor
import XCTest

/// The fused kernels that graph networks use: N-ary broadcast sums, reductions of a broadcast sum over one axis
/// without materialising it, and linear maps of concatenated inputs.
final class BroadcastSumTests: XCTestCase {
  /// Node, edge and graph terms of a triplet sum, as views (unsqueezed) like a program produces them.
  private func tripletTerms(seed: UInt64) -> [Tensor] {
    [
      randomTensor([2, 3, 4], seed: seed),  // node i
      randomTensor([2, 3, 4], seed: seed + 1),  // node k
      randomTensor([2, 3, 3, 4], seed: seed + 2),  // edge (i, j)
      randomTensor([2, 4], seed: seed + 3),  // graph
    ]
  }

  private func arrange(_ t: [Tensor]) -> [Tensor] {
    [
      t[0].unsqueezed(2).unsqueezed(3), t[1].unsqueezed(1).unsqueezed(2), t[2].unsqueezed(3),
      t[3].unsqueezed(1).unsqueezed(1).unsqueezed(1),
    ]
  }

  func testBroadcastSumMatchesPairwiseAdds() {
    let terms = arrange(tripletTerms(seed: 1))
    let fused = Tensor.broadcastSum(terms)
    let pairwise = terms.dropFirst().reduce(terms[0]) { $0 + $1 }
    XCTAssertEqual(fused.shape, [2, 3, 3, 3, 4])
    assertClose(fused.scalars, pairwise.scalars)
    assertClose(Tensor.broadcastSum(terms, relu: true).scalars, pairwise.relu().scalars)
  }

  func testBroadcastSumGradients() {
    assertGradientsMatchFiniteDifferences(tripletTerms(seed: 10)) { Tensor.broadcastSum(self.arrange($0)) }
    assertGradientsMatchFiniteDifferences(tripletTerms(seed: 20)) { Tensor.broadcastSum(self.arrange($0), relu: true) }
  }

  func testReductionsOfBroadcastSumMatchMaterialisedOnes() {
    let terms = arrange(tripletTerms(seed: 30))
    let full = Tensor.broadcastSum(terms)
    for axis in 0..<5 {
      assertClose(
        Tensor.broadcastSum(terms, reducedOver: axis, .max).scalars, full.amax(dims: [axis]).scalars, "max \(axis)")
      assertClose(
        Tensor.broadcastSum(terms, reducedOver: axis, .min).scalars, full.amin(dims: [axis]).scalars, "min \(axis)")
      assertClose(
        Tensor.broadcastSum(terms, reducedOver: axis, .sum).scalars, full.sum(dims: [axis]).scalars, "sum \(axis)")
      assertClose(
        Tensor.broadcastSum(terms, reducedOver: axis, .mean, keepDims: true).scalars,
        full.mean(dims: [axis], keepDims: true).scalars, "mean \(axis)")
      let (values, indices) = Tensor.broadcastSumExtremum(terms, axis: axis, maximum: true)
      XCTAssertEqual(indices.map(Int.init), full.max(dim: axis).indices, "argmax \(axis)")
      XCTAssertEqual(values.shape, full.max(dim: axis).values.shape)
    }
  }

  func testReductionGradients() {
    for reduction in [BroadcastSumReduction.max, .min, .sum, .mean] {
      for axis in [1, 2, 4] {
        assertGradientsMatchFiniteDifferences(tripletTerms(seed: 40 + UInt64(axis)), epsilon: 1e-3) {
          Tensor.broadcastSum(self.arrange($0), reducedOver: axis, reduction)
        }
      }
    }
  }

  func testLinearOfConcatenatedInputsMatchesConcatenation() {
    let inputs = [
      randomTensor([2, 3, 4], seed: 50), randomTensor([2, 3, 2], seed: 51), randomTensor([2, 3, 5], seed: 52),
    ]
    let weight = randomTensor([6, 11], seed: 53)
    let bias = randomTensor([6], seed: 54)
    let fused = Tensor.linear(concatenating: inputs, weight: weight, bias: bias)
    let reference = Tensor.concatenate(inputs, dim: -1).linear(weight: weight, bias: bias)
    assertClose(fused.scalars, reference.scalars)
    assertGradientsMatchFiniteDifferences(inputs + [weight, bias]) {
      Tensor.linear(concatenating: Array($0[0..<3]), weight: $0[3], bias: $0[4])
    }
  }

  func testElementwiseMaximumSplitsTies() {
    let a = Tensor([1, 5, 2], shape: [3], requiresGrad: true)
    let b = Tensor([3, 5, 1], shape: [3], requiresGrad: true)
    a.maximum(b).sum().backward()
    XCTAssertEqual(a.grad?.scalars, [0, 0.5, 1])
    XCTAssertEqual(b.grad?.scalars, [1, 0.5, 0])
    assertGradientsMatchFiniteDifferences([randomTensor([2, 3], seed: 60), randomTensor([3], seed: 61)]) {
      $0[0].minimum($0[1])
    }
  }
}
