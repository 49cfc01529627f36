import ArchLang
import Foundation

/// Probes a partly written model with dummy tensors: which shapes its layers can be reached with, in the order
/// `__init__` declares them, and which layers take the tensors a partial `forward` has computed.
enum ShapeProbe {
  /// Most distinct shapes followed (the layers of a small model give a handful).
  static let maximumShapes = 48

  /// `shape` and what one flatten, unsqueeze or transpose makes of it (the reshapes a `forward` writes between
  /// layers: `[B, 40]` to `[B, 1, 40]` for a convolution or `[B, 40, 1]` for a recurrent layer, `[B, C, L]` to
  /// `[B, C * L]` for a linear read-out).
  static func variants(of shape: [Int]) -> [[Int]] {
    reshapes(of: "", shape: shape).map(\.shape)
  }

  /// The shapes reachable from an input of `inputShape` through the model's module attributes in declaration
  /// order (each applied to every shape reachable before it, reshaped as in `variants`), and the attributes that
  /// take none of them.
  static func reachableShapes(of model: some ProbedNetwork, inputShape: [Int]) -> (shapes: [[Int]], unusable: [String])
  {
    reachableShapes(of: model, inputShapes: [inputShape])
  }

  /// The shapes reachable from inputs of `inputShapes`, as `reachableShapes(of:inputShape:)` finds them for one.
  static func reachableShapes(of model: some ProbedNetwork, inputShapes: [[Int]]) -> (
    shapes: [[Int]], unusable: [String]
  ) {
    var shapes: [[Int]] = []
    var seen: Set<[Int]> = []
    for shape in inputShapes where seen.insert(shape).inserted { shapes.append(shape) }
    var unusable: [String] = []
    for name in model.moduleAttributeNames {
      var produced: [[Int]] = []
      var tried: Set<[Int]> = []
      for shape in shapes {
        for variant in variants(of: shape) where tried.insert(variant).inserted {
          if let output = model.outputShape(ofAttribute: name, inputShape: variant) { produced.append(output) }
        }
      }
      if produced.isEmpty { unusable.append(name) }
      for output in produced where shapes.count < maximumShapes && seen.insert(output).inserted {
        shapes.append(output)
      }
    }
    return (shapes, unusable)
  }

  /// The shape the model's layers give when each, in declaration order, takes what the layers before it gave (as
  /// it is or after one reshape of `variants`); a layer that cannot take it is passed over (a branch the
  /// `forward` wires elsewhere). Layers are declared in the order `forward` uses them, so a new `Linear` takes
  /// this shape flattened: the pooling declared between a convolution and the read-out counts, which a size that
  /// any earlier layer gives (the unpooled `32 * 40`) leaves out, and such a head no `forward` can reach.
  static func chainShape(of model: some ProbedNetwork, inputShape: [Int]) -> [Int] {
    var current = inputShape
    for name in model.moduleAttributeNames {
      for variant in variants(of: current) {
        if let output = model.outputShape(ofAttribute: name, inputShape: variant) {
          current = output
          break
        }
      }
    }
    return current
  }

  /// Whether the class scores can be had from `shapes` through the model's layers, each used any number of
  /// times in any order, with the reshapes of `variants` between them. `output` gives what a layer makes of an
  /// input shape (nil when it cannot take it).
  /// With `assembled`, a shape that broadcasts or reduces to the goal counts (`assembles(_:into:)`).
  static func reachesClassScores(
    _ classScores: [Int], from shapes: [[Int]], modules: [String], assembled: Bool = false,
    output: (_ module: String, _ shape: [Int]) -> [Int]?
  ) -> Bool {
    var known = Array(Set(shapes))
    var seen = Set(known)
    var next = 0
    while next < known.count {
      if meets(known[next], goal: classScores, assembled: assembled) { return true }
      for module in modules {
        for variant in variants(of: known[next]) {
          if let result = output(module, variant), known.count < maximumShapes, seen.insert(result).inserted {
            known.append(result)
          }
        }
      }
      next += 1
    }
    return false
  }

  /// Whether some reachable shape is `target` as it is or after one reshape of `variants` (with `assembled`, or
  /// assembles into it).
  static func reaches(_ target: [Int], from shapes: [[Int]], assembled: Bool = false) -> Bool {
    shapes.contains { meets($0, goal: target, assembled: assembled) }
  }

  /// Whether `shape` gives `goal` after one reshape of `variants`, or, with `assembled`, `assembles(_:into:)`.
  static func meets(_ shape: [Int], goal: [Int], assembled: Bool) -> Bool {
    variants(of: shape).contains(goal) || (assembled && assembles(shape, into: goal))
  }

  /// Whether `shape` becomes `goal` by broadcasting against tensors of the goal's shape (the batch and the last
  /// axis as they are, each axis between them the goal's or 1), after a reduction of one axis between them when
  /// it has one axis more: `[B, N, 1, F]` and `[B, N, N, N, F]` (a max over a node axis) give `[B, N, N, F]`.
  static func assembles(_ shape: [Int], into goal: [Int]) -> Bool {
    guard goal.count >= 2 else { return false }
    func broadcasts(_ candidate: [Int]) -> Bool {
      guard candidate.count == goal.count, candidate.first == goal.first, candidate.last == goal.last else {
        return false
      }
      return zip(candidate, goal).dropFirst().dropLast().allSatisfy { $0 == $1 || $0 == 1 }
    }
    if broadcasts(shape) { return true }
    guard shape.count == goal.count + 1 else { return false }
    return (1..<shape.count - 1).contains { axis in
      var reduced = shape
      reduced.remove(at: axis)
      return broadcasts(reduced)
    }
  }

  /// The hints for a `forward` whose tensor locals have the shapes in `localShapes`. With `assembled` (a goal
  /// built by broadcasting, `ProgramContract.assemblesOutput`), a `return` is not held to the layers that give the
  /// goal as it is, and the goal is in reach when some shape assembles into it.
  static func forwardHints(
    model: some ProbedNetwork, localShapes: [String: [Int]], classScores: [Int], assembled: Bool = false
  ) -> ShapeHints {
    let modules = model.moduleAttributeNames
    var hints = ShapeHints(moduleAttributes: Set(modules), callableModules: [])
    hints.recurrentModules = recurrentModules(of: model)
    hints.classScoreLocals = Set(localShapes.filter { $0.value == classScores }.keys)
    hints.classifierModules = []
    hints.classCount = classScores.last ?? hints.classCount
    let distinct = Array(Set(localShapes.values))
    // Each layer is run once per input shape: the return expressions below probe the same pairs again.
    var probed: [String: [[Int]: [Int]?]] = [:]
    func output(of module: String, for shape: [Int]) -> [Int]? {
      if let known = probed[module]?[shape] { return known }
      let result = model.outputShape(ofAttribute: module, inputShape: shape)
      probed[module, default: [:]][shape] = .some(result)
      return result
    }
    for name in modules {
      var direct: Set<[Int]> = []
      var callable = false
      var tried: Set<[Int]> = []
      for shape in distinct {
        if let result = output(of: name, for: shape) {
          direct.insert(shape)
          callable = true
          if result == classScores { hints.classifierModules?.insert(name) }
        }
        tried.insert(shape)
      }
      if !callable {
        outer: for shape in distinct {
          for variant in variants(of: shape) where tried.insert(variant).inserted {
            if output(of: name, for: variant) != nil {
              callable = true
              break outer
            }
          }
        }
      }
      if callable { hints.callableModules?.insert(name) }
      hints.acceptedLocals[name] = Set(localShapes.filter { direct.contains($0.value) }.keys)
    }
    hints.returnExpressions = returnExpressions(
      model: model, localShapes: localShapes, classScores: classScores, output: output)
    hints.reachesClassScores =
      !(hints.returnExpressions ?? []).isEmpty
      || reachesClassScores(
        classScores, from: Array(localShapes.values), modules: modules, assembled: assembled, output: output)
    if assembled {
      hints.classifierModules = nil
      // An assembled goal is mostly returned as an expression the layer chains do not write: after a failed
      // return, the next is checked when it ends rather than held to the chains.
      if hints.returnExpressions?.isEmpty == true { hints.returnExpressions = nil }
    }
    return hints
  }

  /// Most layers chained in one return expression.
  static let maximumReturnChain = 3
  /// Most return expressions offered (and partial chains followed per depth).
  static let maximumReturnExpressions = 48

  /// Every way, up to `maximumReturnChain` layers deep, to get the class scores from the locals in `localShapes`
  /// with the model's layers: `self.fc(h)`, `self.fc(h.flatten(1))`, `self.fc(self.gru(h.unsqueeze(-1))[0])`;
  /// a local that holds the scores is itself one. Shortest first, locals in name order. `output` gives what a
  /// layer makes of an input shape (nil when it cannot take it).
  static func returnExpressions(
    model: some ProbedNetwork, localShapes: [String: [Int]], classScores: [Int],
    output: (_ module: String, _ shape: [Int]) -> [Int]?
  ) -> [String] {
    let recurrent = recurrentModules(of: model)
    var goals: [String] = []
    var frontier: [(expression: String, shape: [Int])] = localShapes.sorted { $0.key < $1.key }.map {
      ($0.key, $0.value)
    }
    goals += frontier.filter { $0.shape == classScores }.map(\.expression)
    for _ in 0..<maximumReturnChain {
      var next: [(expression: String, shape: [Int])] = []
      for (expression, shape) in frontier where shape != classScores {
        for (argument, input) in reshapes(of: expression, shape: shape) {
          for module in model.moduleAttributeNames {
            guard let result = output(module, input) else { continue }
            let call = "self.\(module)(\(argument))" + (recurrent.contains(module) ? "[0]" : "")
            if result == classScores {
              if goals.count < maximumReturnExpressions { goals.append(call) }
            } else if next.count < maximumReturnExpressions {
              next.append((call, result))
            }
          }
        }
      }
      frontier = next
    }
    return goals
  }

  /// `expression` with the reshapes of `variants(of:)` written out, each with the shape it gives.
  static func reshapes(of expression: String, shape: [Int]) -> [(expression: String, shape: [Int])] {
    guard shape.count >= 2 else { return [(expression, shape)] }
    let batch = shape[0]
    switch shape.count {
    case 2:
      return [
        (expression, shape), (expression + ".unsqueeze(1)", [batch, 1, shape[1]]),
        (expression + ".unsqueeze(-1)", [batch, shape[1], 1]),
      ]
    case 3:
      return [
        (expression, shape), (expression + ".flatten(1)", [batch, shape[1] * shape[2]]),
        (expression + ".transpose(1, 2)", [batch, shape[2], shape[1]]),
      ]
    default:
      return [(expression, shape), (expression + ".flatten(1)", [batch, shape.dropFirst().reduce(1, *)])]
    }
  }

  /// The `__init__` hints once the layers so far reach `shapes` (the input first), and the layers in declaration
  /// order give `chain` (`chainShape`): a new `Linear` takes `chain`, flattened, or the input itself (a branch
  /// or skip from the input).
  static func initializerHints(
    model: some ProbedNetwork, shapes: [[Int]], chain: [Int], source: String, classScores: [Int]
  ) -> ShapeHints {
    var hints = ShapeHints(moduleAttributes: Set(model.moduleAttributeNames))
    hints.recurrentModules = recurrentModules(of: model)
    let variants = shapes.flatMap(variants(of:))
    let readOutInputs = ([chain] + shapes.prefix(1)).flatMap(Self.variants(of:))
    hints.linearInputSizes = Set(readOutInputs.filter { $0.count == 2 }.map { $0[1] })
    hints.channelCounts = Set(variants.filter { $0.count == 3 }.map { $0[1] })
    hints.sequenceInputSizes = Set(variants.filter { $0.count == 3 }.map { $0[2] })
    hints.knownIntegers = knownIntegers(inInitializerOf: source)
    hints.reachesClassScores = reaches(classScores, from: shapes)
    hints.classCount = classScores.last ?? hints.classCount
    return hints
  }

  /// Integer defaults of the last `__init__` header in `source` and the integers its body assigns to plain names
  /// (`hidden = 64`, `flat = hidden * 10`), which a layer's size argument may name.
  static func knownIntegers(inInitializerOf source: String) -> [String: Int] {
    var values: [String: Int] = [:]
    let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
    guard let header = lines.lastIndex(where: { $0.contains("def __init__(") }) else { return values }
    for line in lines[header...] {
      guard let tokens = LineLexer.tokenize(Array(line.utf8.drop { $0 == 0x20 }))?.tokens else { continue }
      let code = tokens.filter { $0.kind != .comment }
      if line.contains("def __init__(") {
        // `name=value` pairs of the parameter list.
        for index in code.indices.dropFirst().dropLast() where code[index].text == "=" {
          guard code[index - 1].kind == .name,
            let end = code[(index + 1)...].firstIndex(where: { $0.text == "," || $0.text == ")" }),
            let value = IntegerExpression.evaluate(code[(index + 1)..<end], names: values)
          else { continue }
          values[code[index - 1].text] = value
        }
      } else if code.count >= 3, code[0].kind == .name, code[1].text == "=",
        let value = IntegerExpression.evaluate(code[2...], names: values)
      {
        values[code[0].text] = value
      }
    }
    return values
  }

  /// The module attributes that are recurrent layers.
  static func recurrentModules(of model: some ProbedNetwork) -> Set<String> {
    Set(
      model.moduleAttributeNames.filter {
        Catalog.layerSizes[model.attributeTypeName($0) ?? ""]?.input == .sequenceFeatures
      })
  }

  /// `[4, 25, 20]` as `[B, 25, 20]`.
  static func describe(_ shape: [Int]) -> String {
    "[" + (["B"] + shape.dropFirst().map(String.init)).joined(separator: ", ") + "]"
  }
}
