import EvoTensor
import Tasks
import XCTest

/// Every op, layer, network and optimizer step against values recorded with real PyTorch (relative error < 1e-4).
final class TorchReferenceTests: XCTestCase {
  static let reference = Result { try TorchReference.load() }

  func cases(_ kinds: String...) throws -> [TorchReference.Case] {
    let all = try Self.reference.get().cases.filter { kinds.contains($0.kind) }
    XCTAssertFalse(all.isEmpty, "no fixture cases of kind \(kinds)")
    return all
  }

  /// Runs `forward` on the case's input, compares the output, backpropagates `upstream` and compares gradients.
  func check(
    _ testCase: TorchReference.Case, module: Module? = nil, file: StaticString = #filePath, line: UInt = #line,
    forward: (Tensor) -> Tensor
  ) {
    if let module { XCTAssertEqual(module.loadState(testCase.state), [], testCase.name, file: file, line: line) }
    let input = testCase.inputs["input"]!.tensor(requiresGrad: true)
    let output = forward(input)
    let expected = testCase.outputs["output"]!
    XCTAssertEqual(output.shape, expected.shape, testCase.name, file: file, line: line)
    assertClose(output.scalars, expected.floats, testCase.name + " output", file: file, line: line)
    (output * testCase.inputs["upstream"]!.tensor()).sum().backward()
    assertClose(
      input.grad!.scalars, testCase.grads["input"]!.floats, testCase.name + " d input", file: file, line: line)
    if let module {
      for (name, tensor) in module.namedParameters() {
        guard let expectedGrad = testCase.grads[name] else { continue }
        assertClose(tensor.grad!.scalars, expectedGrad.floats, "\(testCase.name) d \(name)", file: file, line: line)
      }
    }
  }

  func testLinearAndConvolutions() throws {
    var generator = RandomSource(seed: 0)
    for c in try cases("linear") {
      let layer = Linear(c.int("in_features"), c.int("out_features"), bias: c.bool("bias"), using: &generator)
      check(c, module: layer) { layer($0) }
    }
    for c in try cases("conv1d") {
      let layer = Conv1d(
        c.int("in_channels"), c.int("out_channels"), kernelSize: c.int("kernel_size"), stride: c.int("stride"),
        padding: c.int("padding"), dilation: c.int("dilation"), groups: c.int("groups"), bias: c.bool("bias"),
        using: &generator)
      check(c, module: layer) { layer($0) }
    }
  }

  func testPooling() throws {
    for c in try cases("max_pool1d") {
      check(c) { $0.maxPool1d(kernel: c.int("kernel_size"), stride: c.int("stride"), padding: c.int("padding")) }
    }
    for c in try cases("avg_pool1d") {
      check(c) {
        $0.avgPool1d(
          kernel: c.int("kernel_size"), stride: c.int("stride"), padding: c.int("padding"),
          ceilMode: c.bool("ceil_mode"),
          countIncludePad: c.bool("count_include_pad"))
      }
    }
    for c in try cases("adaptive_avg_pool1d") { check(c) { $0.adaptiveAvgPool1d(c.int("output_size")) } }
    for c in try cases("adaptive_max_pool1d") { check(c) { $0.adaptiveMaxPool1d(c.int("output_size")) } }
  }

  func testNormalizations() throws {
    for c in try cases("batch_norm1d") {
      let layer = BatchNorm1d(c.int("num_features"), epsilon: c.float("eps"), momentum: c.float("momentum"))
      layer.setTraining(c.bool("training"))
      check(c, module: layer) { layer($0) }
      assertClose(layer.runningMean.scalars, c.outputs["running_mean"]!.floats, c.name + " running mean")
      assertClose(layer.runningVariance.scalars, c.outputs["running_var"]!.floats, c.name + " running var")
    }
    for c in try cases("layer_norm") {
      let shape = c.config["normalized_shape"]!.list!.map { Int($0.number!) }
      let layer = LayerNorm(shape, epsilon: c.float("eps"))
      check(c, module: layer) { layer($0) }
    }
    for c in try cases("group_norm") {
      let layer = GroupNorm(groups: c.int("num_groups"), channels: c.int("num_channels"), epsilon: c.float("eps"))
      check(c, module: layer) { layer($0) }
    }
  }

  func testActivations() throws {
    for c in try cases("relu", "gelu", "silu", "tanh", "sigmoid", "leaky_relu", "elu", "softmax", "log_softmax") {
      let kind: Activation.Kind =
        switch c.kind {
        case "relu": .relu
        case "gelu": .gelu
        case "silu": .silu
        case "tanh": .tanh
        case "sigmoid": .sigmoid
        case "leaky_relu": .leakyReLU(negativeSlope: c.float("negative_slope"))
        case "elu": .elu(alpha: c.float("alpha"))
        case "softmax": .softmax(dim: c.int("dim"))
        default: .logSoftmax(dim: c.int("dim"))
        }
      check(c) { Activation(kind)($0) }
    }
  }

  func testEmbeddingAndCrossEntropy() throws {
    var generator = RandomSource(seed: 0)
    for c in try cases("embedding") {
      let layer = Embedding(c.int("num_embeddings"), c.int("embedding_dim"), using: &generator)
      layer.loadState(c.state)
      let output = layer(c.inputs["indices"]!.tensor())
      assertClose(output.scalars, c.outputs["output"]!.floats, c.name)
      (output * c.inputs["upstream"]!.tensor()).sum().backward()
      assertClose(layer.weight.grad!.scalars, c.grads["weight"]!.floats, c.name + " d weight")
    }
    for c in try cases("cross_entropy") {
      let logits = c.inputs["input"]!.tensor(requiresGrad: true)
      let loss = logits.crossEntropy(targets: c.inputs["target"]!.ints)
      assertClose([loss.item], c.outputs["output"]!.floats, c.name)
      loss.backward()
      assertClose(logits.grad!.scalars, c.grads["input"]!.floats, c.name + " d input")
    }
  }

  func testRecurrentLayers() throws {
    var generator = RandomSource(seed: 0)
    for c in try cases("gru", "lstm") {
      let layer = RecurrentLayer(
        c.kind == "gru" ? .gru : .lstm, inputSize: c.int("input_size"), hiddenSize: c.int("hidden_size"),
        layerCount: c.int("num_layers"), bias: c.bool("bias"), batchFirst: c.bool("batch_first"),
        bidirectional: c.bool("bidirectional"), using: &generator)
      XCTAssertEqual(layer.loadState(c.state), [])
      let input = c.inputs["input"]!.tensor(requiresGrad: true)
      let (output, hidden, cell) = layer.run(input)
      assertClose(output.scalars, c.outputs["output"]!.floats, c.name + " output")
      assertClose(hidden.scalars, c.outputs["h_n"]!.floats, c.name + " h_n")
      if let cell { assertClose(cell.scalars, c.outputs["c_n"]!.floats, c.name + " c_n") }
      (output * c.inputs["upstream"]!.tensor()).sum().backward()
      assertClose(input.grad!.scalars, c.grads["input"]!.floats, c.name + " d input")
      for (name, tensor) in layer.namedParameters() {
        assertClose(tensor.grad!.scalars, c.grads[name]!.floats, "\(c.name) d \(name)")
      }
    }
  }

  func testReferenceNetworks() throws {
    for c in try cases("network") {
      var generator = RandomSource(seed: 0)
      let name = c.string("model").replacingOccurrences(of: "_", with: "-")
      let model = try XCTUnwrap(MNIST1DReferenceModels.make(name, using: &generator))
      XCTAssertEqual(model.parameterCount, c.int("parameter_count"), c.name)
      XCTAssertEqual(model.loadState(c.state), [], c.name)
      let logits = model(c.inputs["input"]!.tensor())
      assertClose(logits.scalars, c.outputs["logits"]!.floats, c.name + " logits")
      let loss = logits.crossEntropy(targets: c.inputs["target"]!.ints)
      assertClose([loss.item], c.outputs["loss"]!.floats, c.name + " loss")
      loss.backward()
      for (parameter, tensor) in model.namedParameters() {
        assertClose(tensor.grad!.scalars, c.grads[parameter]!.floats, relative: 2e-4, "\(c.name) d \(parameter)")
      }
    }
  }

  func testOptimizerSteps() throws {
    for c in try cases("optimizer") {
      let parameter = c.inputs["param"]!.tensor(requiresGrad: true)
      let gradient = c.inputs["grad"]!.tensor()
      let optimizer: any Optimizer
      switch c.string("optimizer") {
      case "adam":
        optimizer = Adam(
          [parameter], learningRate: c.float("lr"), epsilon: c.float("eps"), weightDecay: c.float("weight_decay"))
      case "adamw":
        optimizer = Adam.adamW([parameter], learningRate: c.float("lr"), weightDecay: c.float("weight_decay"))
      default:
        optimizer = SGD(
          [parameter], learningRate: c.float("lr"), momentum: c.float("momentum"), dampening: c.float("dampening"),
          weightDecay: c.float("weight_decay"), nesterov: c.bool("nesterov"))
      }
      for step in 1...c.int("steps") {
        parameter.grad = gradient
        optimizer.step()
        assertClose(parameter.scalars, c.outputs["step\(step)"]!.floats, "\(c.name) step \(step)")
      }
    }
  }
}
