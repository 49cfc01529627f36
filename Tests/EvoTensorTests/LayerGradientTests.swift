import EvoTensor
import XCTest

final class LayerGradientTests: XCTestCase {
  func testLinear() {
    let x = randomTensor([3, 7], seed: 21)
    let w = randomTensor([5, 7], seed: 22)
    let b = randomTensor([5], seed: 23)
    assertGradientsMatchFiniteDifferences([x, w, b]) { $0[0].linear(weight: $0[1], bias: $0[2]) }
    let x3 = randomTensor([2, 3, 7], seed: 24)
    assertGradientsMatchFiniteDifferences([x3, w]) { $0[0].linear(weight: $0[1], bias: nil) }
  }

  func testConv1dConfigurations() {
    let configurations: [(cin: Int, cout: Int, k: Int, stride: Int, padding: Int, dilation: Int, groups: Int)] = [
      (3, 4, 3, 1, 1, 1, 1), (3, 4, 3, 2, 2, 2, 1), (3, 6, 5, 1, 0, 1, 3), (4, 4, 3, 1, 1, 1, 4), (2, 3, 1, 3, 0, 1, 1),
    ]
    for (index, c) in configurations.enumerated() {
      let x = randomTensor([2, c.cin, 11], seed: 30 + UInt64(index))
      let w = randomTensor([c.cout, c.cin / c.groups, c.k], seed: 40 + UInt64(index))
      let b = randomTensor([c.cout], seed: 50 + UInt64(index))
      assertGradientsMatchFiniteDifferences([x, w, b]) {
        $0[0].conv1d(
          weight: $0[1], bias: $0[2], stride: c.stride, padding: c.padding, dilation: c.dilation, groups: c.groups)
      }
    }
  }

  func testConvOutputLengthMatchesPyTorch() {
    XCTAssertEqual(Tensor.slidingOutputLength(length: 40, kernel: 5, stride: 2, padding: 1), 19)
    XCTAssertEqual(Tensor.slidingOutputLength(length: 19, kernel: 3, stride: 2, padding: 1), 10)
    XCTAssertEqual(Tensor.slidingOutputLength(length: 10, kernel: 3, stride: 2, padding: 1), 5)
    XCTAssertEqual(Tensor.slidingOutputLength(length: 5, kernel: 2, stride: 2, padding: 0, ceilMode: true), 3)
  }

  func testPooling() {
    let x = randomTensor([2, 3, 10], seed: 60)
    assertGradientsMatchFiniteDifferences([x]) { $0[0].maxPool1d(kernel: 2) }
    assertGradientsMatchFiniteDifferences([x]) { $0[0].maxPool1d(kernel: 3, stride: 2, padding: 1) }
    assertGradientsMatchFiniteDifferences([x]) { $0[0].maxPool1d(kernel: 3, stride: 1, padding: 1, dilation: 2) }
    assertGradientsMatchFiniteDifferences([x]) { $0[0].maxPool1d(kernel: 2, ceilMode: true) }
    assertGradientsMatchFiniteDifferences([x]) { $0[0].avgPool1d(kernel: 3, stride: 2, padding: 1) }
    assertGradientsMatchFiniteDifferences([x]) {
      $0[0].avgPool1d(kernel: 3, stride: 2, padding: 1, countIncludePad: false)
    }
    assertGradientsMatchFiniteDifferences([x]) { $0[0].adaptiveAvgPool1d(4) }
    assertGradientsMatchFiniteDifferences([x]) { $0[0].adaptiveMaxPool1d(3) }
  }

  func testNormalizations() {
    let x = randomTensor([4, 3, 6], seed: 61)
    let w = randomTensor([3], seed: 62)
    let b = randomTensor([3], seed: 63)
    assertGradientsMatchFiniteDifferences([x, w, b]) {
      $0[0].batchNorm(runningMean: nil, runningVariance: nil, weight: $0[1], bias: $0[2], training: true)
    }
    let x2 = randomTensor([5, 3], seed: 64)
    assertGradientsMatchFiniteDifferences([x2, w, b]) {
      $0[0].batchNorm(runningMean: nil, runningVariance: nil, weight: $0[1], bias: $0[2], training: true)
    }
    let lw = randomTensor([6], seed: 65)
    let lb = randomTensor([6], seed: 66)
    assertGradientsMatchFiniteDifferences([x, lw, lb]) {
      $0[0].layerNorm(normalizedShape: [6], weight: $0[1], bias: $0[2])
    }
    let g = randomTensor([2, 4, 5], seed: 67)
    let gw = randomTensor([4], seed: 68)
    let gb = randomTensor([4], seed: 69)
    assertGradientsMatchFiniteDifferences([g, gw, gb]) { $0[0].groupNorm(groups: 2, weight: $0[1], bias: $0[2]) }
  }

  func testBatchNormRunningStatisticsAndEvaluation() {
    let layer = BatchNorm1d(2)
    let x = Tensor([1, 2, 3, 4, 5, 6, 7, 8], shape: [4, 2])
    _ = layer(x)
    // Channel 0 sees 1,3,5,7: mean 4, unbiased variance 20/3.
    assertClose(layer.runningMean.scalars, [0.4, 0.5])
    assertClose(layer.runningVariance.scalars, [0.9 + 0.1 * 20 / 3, 0.9 + 0.1 * 20 / 3])
    layer.setTraining(false)
    let y = layer(x)
    assertClose(
      y.scalars.prefix(2).map { $0 },
      [(1 - 0.4) / (0.9 + 2 / 3 + 1e-5).squareRoot(), (2 - 0.5) / (0.9 + 2 / 3 + 1e-5).squareRoot()])
    let w = randomTensor([2], seed: 70)
    assertGradientsMatchFiniteDifferences([x, w]) {
      $0[0].batchNorm(
        runningMean: layer.runningMean, runningVariance: layer.runningVariance, weight: $0[1], bias: nil,
        training: false)
    }
  }

  func testEmbeddingAndDropout() {
    let table = randomTensor([10, 4], seed: 71)
    assertGradientsMatchFiniteDifferences([table]) {
      Tensor.embedding(indices: [1, 3, 3, 9, 0, 1], shape: [2, 3], table: $0[0])
    }
    var generator = RandomSource(seed: 3)
    let x = Tensor.ones([10_000])
    let dropped = x.dropout(probability: 0.25, training: true, using: &generator).scalars
    let zeros = dropped.filter { $0 == 0 }.count
    XCTAssertEqual(Double(zeros) / 10_000, 0.25, accuracy: 0.02)
    XCTAssertTrue(dropped.allSatisfy { $0 == 0 || abs($0 - 4.0 / 3.0) < 1e-6 })
    XCTAssertEqual(x.dropout(probability: 0.25, training: false, using: &generator).scalars, x.scalars)
  }

  func testGRUAndLSTMLayers() {
    for reverse in [false, true] {
      let x = randomTensor([5, 2, 3], seed: 80)
      let h0 = randomTensor([2, 4], seed: 81)
      let c0 = randomTensor([2, 4], seed: 82)
      let gru = [
        randomTensor([12, 3], seed: 83), randomTensor([12, 4], seed: 84), randomTensor([12], seed: 85),
        randomTensor([12], seed: 86),
      ]
      assertGradientsMatchFiniteDifferences([x, h0] + gru) { t in
        Tensor.gruLayer(
          input: t[0], initialHidden: t[1], weightIH: t[2], weightHH: t[3], biasIH: t[4], biasHH: t[5], reverse: reverse
        )
      }
      let lstm = [
        randomTensor([16, 3], seed: 87), randomTensor([16, 4], seed: 88), randomTensor([16], seed: 89),
        randomTensor([16], seed: 90),
      ]
      assertGradientsMatchFiniteDifferences([x, h0, c0] + lstm) { t in
        Tensor.lstmLayer(
          input: t[0], initialHidden: t[1], initialCell: t[2], weightIH: t[3], weightHH: t[4], biasIH: t[5],
          biasHH: t[6],
          reverse: reverse)
      }
    }
  }

  func testRecurrentModuleShapesAndParameterCounts() {
    var generator = RandomSource(seed: 1)
    let gru = RecurrentLayer(
      .gru, inputSize: 1, hiddenSize: 6, batchFirst: true, bidirectional: true, using: &generator)
    XCTAssertEqual(gru.parameterCount, 324)
    XCTAssertEqual(
      gru.namedParameters().map(\.name).prefix(4), ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"])
    let (output, hidden, _) = gru.run(Tensor.zeros([8, 40, 1]))
    XCTAssertEqual(output.shape, [8, 40, 12])
    XCTAssertEqual(hidden.shape, [2, 8, 6])
    let lstm = RecurrentLayer(.lstm, inputSize: 3, hiddenSize: 4, layerCount: 2, using: &generator)
    let result = lstm.run(Tensor.zeros([5, 2, 3]))
    XCTAssertEqual(result.output.shape, [5, 2, 4])
    XCTAssertEqual(result.cell?.shape, [2, 2, 4])
    XCTAssertEqual(lstm.parameterCount, 4 * 4 * (3 + 4 + 2) + 4 * 4 * (4 + 4 + 2))
  }
}
