import EvoTensor
import XCTest

final class ElementwiseGradientTests: XCTestCase {
  func testBroadcastingArithmetic() {
    let a = randomTensor([2, 3, 4], seed: 1)
    let b = randomTensor([3, 1], seed: 2)
    let c = randomTensor([4], seed: 3, awayFromZero: 0.5)
    assertGradientsMatchFiniteDifferences([a, b, c]) { t in (t[0] + t[1]) * t[2] - t[1] / t[2] }
  }

  func testScalarArithmeticAndPowers() {
    let a = randomTensor([3, 4], seed: 4, awayFromZero: 0.3)
    assertGradientsMatchFiniteDifferences([a]) { t in (t[0] * 2 + 1).pow(2) - 3 / t[0] + t[0].abs().sqrt() }
  }

  func testExpLogClamp() {
    let a = randomTensor([5], seed: 5, awayFromZero: 0.2)
    assertGradientsMatchFiniteDifferences([a]) { t in
      t[0].exp() + (t[0].abs() + 1).log() + t[0].clamped(min: -0.5, max: 0.5) * 0
    }
  }

  func testActivations() {
    let x = randomTensor([3, 4, 5], seed: 6, awayFromZero: 0.05)
    assertGradientsMatchFiniteDifferences([x]) { $0[0].relu() }
    assertGradientsMatchFiniteDifferences([x]) { $0[0].gelu() }
    assertGradientsMatchFiniteDifferences([x]) { $0[0].silu() }
    assertGradientsMatchFiniteDifferences([x]) { $0[0].tanh() }
    assertGradientsMatchFiniteDifferences([x]) { $0[0].sigmoid() }
    assertGradientsMatchFiniteDifferences([x]) { $0[0].leakyReLU(negativeSlope: 0.2) }
    assertGradientsMatchFiniteDifferences([x]) { $0[0].elu(alpha: 1) }
  }

  func testSoftmaxFamily() {
    let x = randomTensor([3, 4, 5], seed: 7)
    assertGradientsMatchFiniteDifferences([x]) { $0[0].softmax(dim: -1) }
    assertGradientsMatchFiniteDifferences([x]) { $0[0].softmax(dim: 1) }
    assertGradientsMatchFiniteDifferences([x]) { $0[0].logSoftmax(dim: 0) }
    assertGradientsMatchFiniteDifferences([x]) { $0[0].logSoftmax(dim: -1) }
  }

  func testCrossEntropy() {
    let logits = randomTensor([6, 10], seed: 8)
    assertGradientsMatchFiniteDifferences([logits]) { $0[0].crossEntropy(targets: [0, 3, 9, 2, 2, 7]) }
  }

  func testGeluMatchesExactErfForm() {
    let x = Tensor([-3, -1, -0.5, 0, 0.5, 1, 3], shape: [7])
    // Values of torch.nn.functional.gelu (approximate='none').
    assertClose(x.gelu().scalars, [-0.0040496, -0.15865526, -0.15426877, 0, 0.34573123, 0.8413447, 2.9959502])
  }
}
