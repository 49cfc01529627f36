import ArchLang
import EvoTensor
import XCTest

/// Programs built on the engine: parameter counts, output shapes and outputs match PyTorch for the fixture corpus.
final class EngineTests: XCTestCase {
  func testSeedParameterCountsMatchPyTorch() throws {
    for seed in SeedProgram.all {
      let model = try CompiledModel.compile(seed.source, exampleInputShape: [4, 40])
      XCTAssertEqual(model.parameterCount, seed.parameterCount, seed.name)
      XCTAssertEqual(try model.forward(Tensor.zeros([3, 40])).shape, [3, 10], seed.name)
    }
    XCTAssertEqual(SeedProgram.all.map(\.parameterCount), [5210, 15210, 5134, 97290])
  }

  func testCorpusMatchesPyTorchOutputs() throws {
    var checked: [String] = []
    defer { XCTAssertEqual(checked.count, (try? FixtureCorpus.names().count) ?? -1, "checked: \(checked)") }
    for name in try FixtureCorpus.names() {
      let manifest = try FixtureCorpus.manifest(name)
      let values = try FixtureCorpus.values(name)
      let model: CompiledModel
      do {
        model = try CompiledModel.compile(try FixtureCorpus.source(name), exampleInputShape: manifest.input_shape)
      } catch {
        XCTFail("\(name): \(error)")
        continue
      }
      XCTAssertEqual(model.parameterCount, manifest.params, "\(name): parameter count")
      let engineNames = (model.module.namedParameters() + model.module.namedBuffers()).map(\.name)
      XCTAssertEqual(Set(engineNames), Set(manifest.tensors.compactMap(\.name)), "\(name): state_dict names")
      var state: [String: [Float]] = [:]
      var shapesAgree = true
      let engineTensors = Dictionary(
        (model.module.namedParameters() + model.module.namedBuffers()).map { ($0.name, $0.tensor) },
        uniquingKeysWith: { first, _ in first })
      for entry in manifest.tensors {
        guard let entryName = entry.name else { continue }
        state[entryName] = Array(values[entry.offset..<(entry.offset + entry.count)])
        if let tensor = engineTensors[entryName], tensor.count != entry.count {
          XCTFail("\(name): \(entryName) has \(tensor.shape) here, \(entry.shape) in PyTorch")
          shapesAgree = false
        }
      }
      guard shapesAgree else { continue }
      XCTAssertEqual(model.module.loadState(state), [], name)
      model.module.setTraining(false)
      let input = Tensor(
        Array(values[manifest.input.offset..<(manifest.input.offset + manifest.input.count)]),
        shape: manifest.input.shape)
      let expected = Array(values[manifest.output.offset..<(manifest.output.offset + manifest.output.count)])
      let output: Tensor
      do {
        output = try model.forwardWithoutGradient(input)
      } catch {
        XCTFail("\(name): \(error)")
        continue
      }
      XCTAssertEqual(output.shape, manifest.output_shape, name)
      let scale = max(1, expected.map(abs).max() ?? 1)
      let worst = zip(output.scalars, expected).map { abs($0 - $1) }.max() ?? .infinity
      XCTAssertLessThanOrEqual(worst, 1e-4 * scale, "\(name): largest difference \(worst)")
      checked.append(name)
    }
  }

  func testCandidateCheckAcceptsSeedsAndRejectsWrongOutputs() {
    let check = CandidateCheck(exampleShape: [40], classCount: 10)
    for seed in SeedProgram.all {
      let report = check.run(seed.source)
      XCTAssertTrue(report.isAccepted, "\(seed.name): \(String(describing: report.error))")
      XCTAssertEqual(report.parameterCount, seed.parameterCount)
      XCTAssertEqual(report.outputShape, [4, 10])
      XCTAssertEqual(report.modelName, "Model")
      XCTAssertEqual(report.fingerprint, try? Program(parsing: seed.source).fingerprint)
    }
    let wrongWidth = check.run("import torch.nn as nn\nmodel = nn.Sequential(nn.Linear(40, 5))\n")
    XCTAssertEqual(wrongWidth.error?.location, SourceLocation(line: 2, column: 1))
    XCTAssertEqual(wrongWidth.outputShape, [4, 5])
    XCTAssertEqual(check.run("import os\n").error?.kind, .unsupported)
    XCTAssertEqual(check.run("x = (\n").error?.kind, .syntax)
  }

  func testTheFunctionFingerprintIsTheNetworkNotItsText() throws {
    let check = CandidateCheck(exampleShape: [40], classCount: 10)
    // The GRU seed as Qwen rewrites it: sizes as literals, an extra import, another docstring. The same network,
    // the same initial weights, so the same trained model: a copy.
    let gru = try XCTUnwrap(SeedProgram.all.first { $0.name == "gru" }).source
    let rewritten = """
      import torch
      import torch.nn as nn
      import math


      class Model(nn.Module):
          \"\"\"The GRU again.\"\"\"

          def __init__(self):
              super().__init__()
              self.gru = nn.GRU(input_size=1, hidden_size=6, batch_first=True, bidirectional=True)
              flat_size = 2 * (6 * 40)
              self.linear = nn.Linear(flat_size, 10)

          def forward(self, x):
              x = x.unsqueeze(-1)
              output, _ = self.gru(x)
              return self.linear(output.flatten(1))

      """
    let original = check.run(gru)
    let copy = check.run(rewritten)
    XCTAssertTrue(copy.isAccepted, "\(String(describing: copy.error))")
    XCTAssertNotEqual(copy.fingerprint, original.fingerprint, "the texts differ")
    XCTAssertEqual(copy.functionFingerprint, original.functionFingerprint)
    // One unit more is another network.
    let wider = check.run(
      rewritten.replacingOccurrences(of: "hidden_size=6", with: "hidden_size=7")
        .replacingOccurrences(of: "(6 * 40)", with: "(7 * 40)"))
    XCTAssertTrue(wider.isAccepted, "\(String(describing: wider.error))")
    XCTAssertNotEqual(wider.functionFingerprint, original.functionFingerprint)
    // Every seed is its own network.
    let seeds = Set(SeedProgram.all.compactMap { check.run($0.source).functionFingerprint })
    XCTAssertEqual(seeds.count, SeedProgram.all.count)
  }

  func testModelTrainsThroughTheEngineModule() throws {
    let model = try CompiledModel.compile(SeedProgram.cnn.source, seed: 3, exampleInputShape: [2, 40])
    var generator = RandomSource(seed: 9)
    let input = Tensor.randn([8, 40], using: &generator)
    let targets = [0, 1, 2, 3, 4, 5, 6, 7]
    let optimizer = Adam(model.module.parameters(), learningRate: 0.01)
    var first: Float = 0
    var last: Float = 0
    for step in 0..<30 {
      let loss = model.module(input).crossEntropy(targets: targets)
      optimizer.zeroGrad()
      loss.backward()
      Tensor.withoutGrad { optimizer.step() }
      if step == 0 { first = loss.item }
      last = loss.item
    }
    XCTAssertNil(model.failure)
    XCTAssertLessThan(last, first * 0.5)
  }

  func testShapeErrorsAreCleanAndPositioned() throws {
    let source = """
      import torch
      import torch.nn as nn
      class Model(nn.Module):
          def __init__(self):
              super().__init__()
              self.fc = nn.Linear(30, 10)
          def forward(self, x):
              return self.fc(x)
      """
    XCTAssertThrowsError(try CompiledModel.compile(source, exampleInputShape: [4, 40])) { error in
      let error = error as? ArchLangError
      XCTAssertEqual(error?.location, SourceLocation(line: 8, column: 16))
      XCTAssertTrue(
        error?.message.contains("mat1 and mat2 shapes cannot be multiplied (4x40 and 30x10)") == true,
        error?.message ?? "")
    }
    let cases: [(String, String)] = [
      ("x.view(3, 7)", "is invalid for input of size 160"),
      ("x.view(4, 4, 10).transpose(1, 2).view(4, 40)", "Use .reshape"),
      ("x.permute(1, 0, 2)", "input.dim() = 2 is not equal to len(dims) = 3"),
      ("torch.cat([x, x.unsqueeze(0)], dim=1)", "same number of dimensions"),
      ("x[:, 50]", "out of bounds"),
      ("x + torch.zeros(3, 40)", "must match"),
      ("nn.Conv1d(2, 4, 3)(x.unsqueeze(1))", "expected input[4, 1, 40] to have 2 channels"),
      ("nn.Conv1d(1, 4, 50)(x.unsqueeze(1))", "too short"),
      ("nn.MaxPool1d(3, padding=2)(x.unsqueeze(1))", "at most half"),
      ("nn.BatchNorm1d(7)(x)", "BatchNorm1d(7)"),
      ("x.mean(dim=5)", "Dimension out of range"),
      ("torch.zeros(100000, 100000)", "exceeds the limit"),
      ("nn.Linear(100000, 100000)", "parameters"),
      ("x @ x", "cannot be multiplied"),
      ("x.softmax(dim=2)", "Dimension out of range"),
      ("nn.LSTM(3, 4)(x)", "input_size"),
      ("F.pad(x, (10 ** 9, 0))", "exceeds the limit"),
      ("x.foo()", "`Tensor.foo` is not supported"),
      ("[torch.zeros(5000, 5000) for _ in range(100)]", "memory budget"),
    ]
    for (expression, text) in cases {
      let program = """
        import torch
        import torch.nn as nn
        import torch.nn.functional as F
        class Model(nn.Module):
            def forward(self, x):
                return \(expression)
        """
      XCTAssertThrowsError(try CompiledModel.compile(program, exampleInputShape: [4, 40]), expression) { error in
        let error = error as? ArchLangError
        XCTAssertEqual(error?.location.line, 6, "\(expression): \(String(describing: error))")
        XCTAssertTrue(error?.message.contains(text) == true, "\(expression): \(error?.message ?? "no message")")
      }
    }
  }

  func testModuleRulesFollowPyTorch() throws {
    let early = """
      import torch.nn as nn
      class Model(nn.Module):
          def __init__(self):
              self.fc = nn.Linear(40, 10)
              super().__init__()
          def forward(self, x):
              return self.fc(x)
      """
    XCTAssertThrowsError(try CompiledModel.compile(early)) { error in
      XCTAssertTrue((error as? ArchLangError)?.message.contains("before Module.__init__() call") == true)
    }
    // Plain lists of layers are not registered, exactly as in PyTorch.
    let plainList = """
      import torch.nn as nn
      class Model(nn.Module):
          def __init__(self):
              super().__init__()
              self.layers = [nn.Linear(40, 40), nn.Linear(40, 10)]
              self.out = nn.Linear(10, 10)
          def forward(self, x):
              for layer in self.layers:
                  x = layer(x)
              return self.out(x)
      """
    let model = try CompiledModel.compile(plainList, exampleInputShape: [2, 40])
    XCTAssertEqual(model.parameterCount, 110)
    XCTAssertEqual(model.module.namedParameters().map(\.name), ["out.weight", "out.bias"])
  }

  func testPrintGoesToTheLogDuringForward() throws {
    let source = """
      import torch.nn as nn
      class Model(nn.Module):
          def __init__(self):
              super().__init__()
              self.fc = nn.Linear(40, 10)
              print(f'params: {sum(p.numel() for p in self.parameters())}')
          def forward(self, x):
              print('input', tuple(x.shape), x.size(1), x.dim())
              return self.fc(x)
      """
    let model = try CompiledModel.compile(source, exampleInputShape: [2, 40])
    XCTAssertEqual(model.log, "params: 410\ninput (2, 40) 40 2\n")
  }

  func testEngineFailureInsideTrainingIsReported() throws {
    let source = """
      import torch
      import torch.nn as nn
      class Model(nn.Module):
          def __init__(self):
              super().__init__()
              self.fc = nn.Linear(40, 10)
          def forward(self, x):
              assert x.shape[0] < 5, 'batch too large'
              return self.fc(x)
      """
    let model = try CompiledModel.compile(source, exampleInputShape: [2, 40])
    let output = model.module(Tensor.zeros([8, 40]))
    XCTAssertEqual(output.shape, [8, 10])
    XCTAssertTrue(output.scalars.allSatisfy(\.isNaN))
    XCTAssertEqual(model.failure?.message, "assertion failed: batch too large")
    XCTAssertEqual(model.failure?.location.line, 8)
  }
}
