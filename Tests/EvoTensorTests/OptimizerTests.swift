import EvoTensor
import XCTest

final class OptimizerTests: XCTestCase {
  func testSGDMomentumFollowsPyTorchRecurrence() {
    let p = Tensor([1, -2], shape: [2], requiresGrad: true)
    let sgd = SGD([p], learningRate: 0.1, momentum: 0.9, weightDecay: 0.01)
    for _ in 0..<2 {
      p.grad = Tensor([0.5, 0.5], shape: [2])
      sgd.step()
    }
    // Step 1: d = 0.5 + 0.01 * 1 = 0.51, v = 0.51, p = 0.949. Step 2: d = 0.5 + 0.00949, v = 0.9 * 0.51 + d.
    let d2: Float = 0.5 + 0.01 * 0.949
    XCTAssertEqual(p.scalars[0], 0.949 - 0.1 * (0.9 * 0.51 + d2), accuracy: 1e-6)
  }

  func testAdamFirstStepMovesByLearningRate() {
    let p = Tensor([1, -2, 3], shape: [3], requiresGrad: true)
    let adam = Adam([p], learningRate: 0.01)
    p.grad = Tensor([0.3, -0.1, 5], shape: [3])
    adam.step()
    assertClose(p.scalars, [0.99, -1.99, 2.99], relative: 1e-5)
  }

  func testAdamWDecouplesWeightDecay() {
    let p = Tensor([2], shape: [1], requiresGrad: true)
    let adamW = Adam.adamW([p], learningRate: 0.1, weightDecay: 0.5)
    p.grad = Tensor([1], shape: [1])
    adamW.step()
    XCTAssertEqual(p.scalars[0], 2 * (1 - 0.05) - 0.1, accuracy: 1e-5)
  }

  func testTrainingIsDeterministicPerSeed() {
    func run(seed: UInt64) -> [Float] {
      var generator = RandomSource(seed: seed)
      let model = Sequential([Linear(4, 8, using: &generator), Activation(.relu), Linear(8, 3, using: &generator)])
      let x = Tensor.randn([16, 4], using: &generator)
      let labels = (0..<16).map { $0 % 3 }
      let adam = Adam(model.parameters(), learningRate: 0.01)
      for _ in 0..<20 {
        adam.zeroGrad()
        model(x).crossEntropy(targets: labels).backward()
        adam.step()
      }
      return model.parameters().flatMap(\.scalars)
    }
    XCTAssertEqual(run(seed: 7), run(seed: 7))
    XCTAssertNotEqual(run(seed: 7), run(seed: 8))
  }

  func testDefaultInitialisationBounds() {
    var generator = RandomSource(seed: 2)
    let linear = Linear(100, 50, using: &generator)
    let bound = 1 / Float(100).squareRoot()
    XCTAssertTrue(linear.weight.scalars.allSatisfy { abs($0) <= bound })
    let values = linear.weight.scalars
    let variance = values.map { $0 * $0 }.reduce(0, +) / Float(values.count)
    XCTAssertEqual(variance, bound * bound / 3, accuracy: bound * bound * 0.05)
    let conv = Conv1d(4, 8, kernelSize: 3, groups: 2, using: &generator)
    XCTAssertTrue(conv.weight.scalars.allSatisfy { abs($0) <= 1 / Float(6).squareRoot() })
    XCTAssertEqual(conv.parameterCount, 8 * 2 * 3 + 8)
  }
}

/// Module trees that share or contain modules are walked once per module, as PyTorch's `named_modules` does.
final class ModuleTreeTests: XCTestCase {
  func testSharedAndCyclicModulesAreVisitedOnce() {
    var generator = RandomSource(seed: 1)
    let shared = Linear(3, 2, using: &generator)
    let root = Sequential([shared, Activation(.relu), shared])
    XCTAssertEqual(root.namedParameters().map(\.name), ["0.weight", "0.bias"])
    root.registerModule("itself", root)
    XCTAssertEqual(root.namedModules().map(\.name), ["", "0", "1"])
    XCTAssertEqual(root.parameterCount, 8)
    root.setTraining(false)
    XCTAssertFalse(shared.isTraining)
  }
}
