import ArchLang
import EvoTensor
import Foundation
import XCTest

/// Modules built with constructor arguments and called with several tensors (CLRS's triplet functions), broadcast
/// sums kept pending until a reduction, and the tensor functions those programs use.
final class ModuleComponentTests: XCTestCase {
  private let triplets = """
    import torch
    import torch.nn as nn


    class Triplets(nn.Module):
        def __init__(self, width, features):
            super().__init__()
            self.node = nn.Linear(width, features)
            self.edge = nn.Linear(width, features)

        def forward(self, nodes, edges, reduction="max"):
            first = self.node(nodes)[:, :, None, None, :]
            t = first + self.node(nodes)[:, None, None, :, :] - self.edge(edges)[:, :, :, None, :]
            if reduction == "max":
                return torch.amax(t, dim=1)
            if reduction == "min":
                return t.amin(dim=1)
            if reduction == "maxvalues":
                return torch.max(t, 1)[0]
            if reduction == "argmax":
                return t.max(dim=1)[1]
            if reduction == "mean":
                return t.mean(dim=1)
            if reduction == "sum":
                return torch.sum(t, dim=1)
            return t.tanh()
    """

  func testConstructorArgumentsAndSeveralInputs() throws {
    let module = try CompiledModule.compile(triplets, arguments: [6, 4], seed: 1)
    XCTAssertEqual(module.className, "Triplets")
    XCTAssertEqual(module.parameterCount, 2 * (6 * 4 + 4))
    let output = try module.forward([Tensor.zeros([2, 3, 6]), Tensor.zeros([2, 3, 3, 6])])
    XCTAssertEqual(output.shape, [2, 3, 3, 4])
    XCTAssertThrowsError(try CompiledModule.compile(triplets, arguments: [6], seed: 1))
  }

  /// Every fused reduction of a pending broadcast sum equals the same reduction of the materialised sum, values and
  /// gradients.
  func testPendingSumReductionsMatchMaterialisedOnes() throws {
    var generator = RandomSource(seed: 3)
    let nodes = Tensor.randn([2, 3, 6], using: &generator)
    let edges = Tensor.randn([2, 3, 3, 6], using: &generator)
    func run(_ reduction: String) throws -> (value: [Float], grads: [[Float]]) {
      let program = try CompiledModule.compile(
        triplets.replacingOccurrences(of: "reduction=\"max\"", with: "reduction=\"\(reduction)\""),
        arguments: [6, 4], seed: 1)
      let output = try program.forward([nodes, edges])
      if output.requiresGrad { output.sum().backward() }
      return (output.scalars, program.module.parameters().map { $0.grad?.scalars ?? [] })
    }
    let t = try fullSum(nodes: nodes, edges: edges)
    let expectations: [(String, Tensor)] = [
      ("max", t.amax(dims: [1])), ("min", t.amin(dims: [1])), ("maxvalues", t.amax(dims: [1])),
      ("mean", t.mean(dims: [1])), ("sum", t.sum(dims: [1])),
    ]
    for (reduction, expected) in expectations {
      let (value, _) = try run(reduction)
      XCTAssertEqual(value.count, expected.count, reduction)
      for (a, b) in zip(value, expected.scalars) { XCTAssertEqual(a, b, accuracy: 1e-5, reduction) }
    }
    let argmax = try run("argmax").value
    XCTAssertEqual(argmax, t.max(dim: 1).indices.map(Float.init))
  }

  /// The sum the program builds, computed eagerly with the same weights (seed 1).
  private func fullSum(nodes: Tensor, edges: Tensor) throws -> Tensor {
    let module = try CompiledModule.compile(triplets, arguments: [6, 4], seed: 1)
    let named = Dictionary(uniqueKeysWithValues: module.module.namedParameters().map { ($0.name, $0.tensor) })
    let node = nodes.linear(weight: named["node.weight"]!, bias: named["node.bias"]!)
    let edge = edges.linear(weight: named["edge.weight"]!, bias: named["edge.bias"]!)
    return node.unsqueezed(2).unsqueezed(3) + node.unsqueezed(1).unsqueezed(1) - edge.unsqueezed(3)
  }

  func testGradientsFlowThroughPendingSums() throws {
    var generator = RandomSource(seed: 4)
    let nodes = Tensor.randn([2, 3, 6], using: &generator)
    let edges = Tensor.randn([2, 3, 3, 6], using: &generator)
    for reduction in ["max", "sum", "tanh"] {
      let fused = try CompiledModule.compile(
        triplets.replacingOccurrences(of: "reduction=\"max\"", with: "reduction=\"\(reduction)\""),
        arguments: [6, 4], seed: 1)
      try fused.forward([nodes, edges]).sum().backward()
      let module = try CompiledModule.compile(triplets, arguments: [6, 4], seed: 1)
      let named = Dictionary(uniqueKeysWithValues: module.module.namedParameters().map { ($0.name, $0.tensor) })
      let node = nodes.linear(weight: named["node.weight"]!, bias: named["node.bias"]!)
      let edge = edges.linear(weight: named["edge.weight"]!, bias: named["edge.bias"]!)
      let t = node.unsqueezed(2).unsqueezed(3) + node.unsqueezed(1).unsqueezed(1) - edge.unsqueezed(3)
      let reference = reduction == "max" ? t.amax(dims: [1]) : (reduction == "sum" ? t.sum(dims: [1]) : t.tanh())
      reference.sum().backward()
      for ((name, mine), (_, wanted)) in zip(fused.module.namedParameters(), module.module.namedParameters()) {
        let (a, b) = (mine.grad?.scalars ?? [], wanted.grad?.scalars ?? [])
        XCTAssertEqual(a.count, b.count, "\(reduction) \(name)")
        for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: 1e-4, "\(reduction) \(name)") }
      }
    }
  }

  func testClampExpandAndElementwiseFunctions() throws {
    let source = """
      import torch
      import torch.nn as nn


      class Model(nn.Module):
          def forward(self, x):
              a = torch.clamp(x, min=-0.5) + x.clamp(max=0.5) + x.clip(-0.1, 0.1)
              b = torch.maximum(x, torch.zeros(2, 3)) - torch.minimum(x, torch.ones(3)) + torch.exp(x) + x.abs()
              c = x[:, None, :].expand(-1, 4, -1) + torch.amin(x, dim=1, keepdim=True)[:, None, :]
              return a.sum() + b.sum() + c.sum()
      """
    let model = try CompiledModel.compile(source)
    var generator = RandomSource(seed: 5)
    let x = Tensor.randn([2, 3], using: &generator)
    let v = x.scalars
    var a: Float = 0
    var b: Float = 0
    for value in v {
      a += Swift.max(value, -0.5) + Swift.min(value, 0.5)
      a += Swift.min(Swift.max(value, -0.1), 0.1)
      b += Swift.max(value, 0) - Swift.min(value, 1)
      b += Foundation.exp(value) + abs(value)
    }
    let rowMinimums: Float = v[0..<3].min()! + v[3..<6].min()!
    let c: Float = 4 * v.reduce(0, +) + 12 * rowMinimums
    XCTAssertEqual(try model.forward(x).item, a + b + c, accuracy: 1e-4)
    let bad = source.replacingOccurrences(of: "expand(-1, 4, -1)", with: "expand(2, 4, 5)")
    XCTAssertThrowsError(try CompiledModel.compile(bad).forward(x)) { error in
      XCTAssertTrue("\(error)".contains("expanded size"), "\(error)")
    }
  }
}
