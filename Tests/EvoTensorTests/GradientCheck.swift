import EvoTensor
import XCTest

/// Compares the tape's gradients with central finite differences of `loss = sum(f(inputs) * weights)`.
///
/// `weights` are fixed random values so that every output element matters with a different sign and size.
func assertGradientsMatchFiniteDifferences(
  _ inputs: [Tensor], epsilon: Float = 1e-2, tolerance: Float = 2e-2, seed: UInt64 = 1,
  file: StaticString = #filePath, line: UInt = #line, _ function: ([Tensor]) -> Tensor
) {
  for input in inputs { input.requiresGrad = true; input.grad = nil }
  var generator = RandomSource(seed: seed)
  let probe = function(inputs)
  let weights = Tensor.randn(probe.shape, using: &generator)
  let loss = (probe * weights).sum()
  loss.backward()
  func evaluate() -> Double {
    Tensor.withoutGrad { Double((function(inputs) * weights).sum().item) }
  }
  for (which, input) in inputs.enumerated() {
    guard let analytic = input.grad?.scalars else {
      XCTFail("input \(which) got no gradient", file: file, line: line)
      continue
    }
    let pointer = input.basePointer
    for i in 0..<input.count {
      let saved = pointer[i]
      pointer[i] = saved + epsilon
      let plus = evaluate()
      pointer[i] = saved - epsilon
      let minus = evaluate()
      pointer[i] = saved
      let numeric = Float((plus - minus) / Double(2 * epsilon))
      let scale = max(1, abs(numeric), abs(analytic[i]))
      if abs(numeric - analytic[i]) > tolerance * scale {
        XCTFail("input \(which)[\(i)]: tape \(analytic[i]), finite difference \(numeric)", file: file, line: line)
        return
      }
    }
  }
}

/// A tensor of standard normal values that stay at least `margin` away from zero (for kinks such as ReLU's).
func randomTensor(_ shape: [Int], seed: UInt64, awayFromZero margin: Float = 0) -> Tensor {
  var generator = RandomSource(seed: seed)
  let t = Tensor.randn(shape, using: &generator)
  for i in 0..<t.count where abs(t.basePointer[i]) < margin {
    t.basePointer[i] = t.basePointer[i] < 0 ? -margin : margin
  }
  return t
}

func assertClose(
  _ actual: [Float], _ expected: [Float], relative: Float = 1e-4, absolute: Float = 1e-5, _ message: String = "",
  file: StaticString = #filePath, line: UInt = #line
) {
  XCTAssertEqual(actual.count, expected.count, "count \(message)", file: file, line: line)
  for (i, (a, e)) in zip(actual, expected).enumerated() where abs(a - e) > absolute + relative * abs(e) {
    XCTFail("\(message) element \(i): \(a) vs expected \(e)", file: file, line: line)
    return
  }
}
