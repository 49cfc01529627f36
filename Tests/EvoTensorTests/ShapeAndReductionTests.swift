import EvoTensor
import XCTest

final class ShapeAndReductionTests: XCTestCase {
  func testViewsShareStorageAndPermuteReorders() {
    let x = Tensor((0..<24).map(Float.init), shape: [2, 3, 4])
    let r = x.reshaped([6, 4])
    XCTAssertTrue(r.storage === x.storage)
    let p = x.permuted([2, 0, 1])
    XCTAssertEqual(p.shape, [4, 2, 3])
    XCTAssertFalse(p.isContiguous)
    XCTAssertEqual(p.contiguous().scalars.prefix(6), [0, 4, 8, 12, 16, 20])
    XCTAssertEqual(x.transposed(0, 2).shape, [4, 3, 2])
    XCTAssertEqual(x.unsqueezed(1).shape, [2, 1, 3, 4])
    XCTAssertEqual(x.unsqueezed(-1).shape, [2, 3, 4, 1])
    XCTAssertEqual(x.unsqueezed(1).squeezed().shape, [2, 3, 4])
    XCTAssertEqual(x.flattened(from: 1).shape, [2, 12])
    XCTAssertEqual(x.reshaped([-1, 8]).shape, [3, 8])
  }

  func testSlicingFollowsPythonRules() {
    let x = Tensor((0..<10).map(Float.init), shape: [10])
    XCTAssertEqual(x.sliced(dim: 0, start: 2, end: 8, step: 3).scalars, [2, 5])
    XCTAssertEqual(x.sliced(dim: 0, start: -3, end: 100).scalars, [7, 8, 9])
    XCTAssertEqual(x.sliced(dim: 0, start: 5, end: 2).count, 0)
    let m = Tensor((0..<12).map(Float.init), shape: [3, 4])
    XCTAssertEqual(m.selected(dim: 1, index: -1).scalars, [3, 7, 11])
    XCTAssertEqual(m.indexSelect(dim: 0, indices: [2, 0]).scalars, [8, 9, 10, 11, 0, 1, 2, 3])
  }

  func testShapeOpGradients() {
    let x = randomTensor([2, 3, 4], seed: 11)
    assertGradientsMatchFiniteDifferences([x]) { $0[0].permuted([2, 0, 1]).reshaped([4, 6]) }
    assertGradientsMatchFiniteDifferences([x]) { $0[0].transposed(0, 2).sliced(dim: 1, start: 0, end: 3, step: 2) }
    assertGradientsMatchFiniteDifferences([x]) { $0[0].selected(dim: 2, index: 1).unsqueezed(0) }
    assertGradientsMatchFiniteDifferences([x]) { $0[0].expanded(to: [5, 2, 3, 4]) }
    assertGradientsMatchFiniteDifferences([x]) { $0[0].indexSelect(dim: 2, indices: [3, 3, 0]) }
  }

  func testConcatenateStackSplitChunk() {
    let a = randomTensor([2, 3], seed: 12)
    let b = randomTensor([2, 5], seed: 13)
    assertGradientsMatchFiniteDifferences([a, b]) { Tensor.concatenate([$0[0], $0[1], $0[0]], dim: 1) }
    assertGradientsMatchFiniteDifferences([a]) { Tensor.stack([$0[0], $0[0] * 2], dim: 1) }
    let c = randomTensor([7, 2], seed: 14)
    XCTAssertEqual(c.chunked(3).map(\.shape), [[3, 2], [3, 2], [1, 2]])
    XCTAssertEqual(c.split(sizes: [2, 5]).map(\.shape), [[2, 2], [5, 2]])
    assertGradientsMatchFiniteDifferences([c]) { t in
      let parts = t[0].chunked(3)
      return parts[0] * parts[1] + parts[2].sum()
    }
  }

  func testReductions() {
    let x = randomTensor([3, 4, 5], seed: 15)
    assertGradientsMatchFiniteDifferences([x]) { $0[0].sum(dims: [1]) }
    assertGradientsMatchFiniteDifferences([x]) { $0[0].sum(dims: [0, 2], keepDims: true) }
    assertGradientsMatchFiniteDifferences([x]) { $0[0].mean(dims: [-1]) }
    assertGradientsMatchFiniteDifferences([x]) { $0[0].mean() }
    assertGradientsMatchFiniteDifferences([x]) { $0[0].max(dim: 1).values }
    assertGradientsMatchFiniteDifferences([x]) { $0[0].min(dim: 2, keepDims: true).values }
    assertGradientsMatchFiniteDifferences([x]) { $0[0].amax(dims: [0, 2]) }
  }

  func testAmaxSplitsGradientBetweenTies() {
    let x = Tensor([1, 3, 3, 2], shape: [4], requiresGrad: true)
    x.amax().backward()
    XCTAssertEqual(x.grad?.scalars, [0, 0.5, 0.5, 0])
    let y = Tensor([1, 3, 3, 2], shape: [4], requiresGrad: true)
    let (values, indices) = y.max(dim: 0)
    XCTAssertEqual(indices, [1])
    values.backward()
    XCTAssertEqual(y.grad?.scalars, [0, 1, 0, 0])
  }

  func testMatmulShapesAndGradients() {
    let a = randomTensor([2, 3, 4], seed: 16)
    let b = randomTensor([4, 5], seed: 17)
    let c = randomTensor([2, 4, 2], seed: 18)
    let v = randomTensor([4], seed: 19)
    XCTAssertEqual(a.matmul(b).shape, [2, 3, 5])
    XCTAssertEqual(a.matmul(v).shape, [2, 3])
    XCTAssertEqual(v.matmul(b).shape, [5])
    assertGradientsMatchFiniteDifferences([a, b]) { $0[0].matmul($0[1]) }
    assertGradientsMatchFiniteDifferences([a, c]) { $0[0].matmul($0[1]) }
    assertGradientsMatchFiniteDifferences([a, v]) { $0[0].matmul($0[1]) }
    assertGradientsMatchFiniteDifferences([a]) { $0[0].matmul($0[0].transposed(1, 2)) }
  }

  func testGradientsAccumulateAcrossUses() {
    let x = Tensor([2], shape: [1], requiresGrad: true)
    (x * x + x * 3).sum().backward()
    XCTAssertEqual(x.grad?.scalars, [7])
  }

  func testNoGradModeRecordsNothing() {
    let x = Tensor([1, 2], shape: [2], requiresGrad: true)
    let y = Tensor.withoutGrad { x * 2 }
    XCTAssertFalse(y.requiresGrad)
  }
}
