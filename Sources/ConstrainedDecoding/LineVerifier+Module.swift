import ArchLang
import Foundation

extension LineVerifier {
  /// `verifyWithHints` for a module contract: the class is built with the contract's arguments and its `forward`
  /// run on dummy tensors of the contract's input shapes. In `__init__` each new layer must take some shape the
  /// inputs and the layers before it give; `def forward` must find the output reachable; each `forward` statement
  /// must run and must not lose the output if it was in reach; a `return` must pass the full check (the output
  /// shape among it).
  func verifyModule(
    _ line: CommittedLine, source: String, forwardInput: String?, locals: [String],
    isFinalInitializerStatement: Bool, outputWasReachable: Bool
  ) -> (verdict: Verdict, hints: ShapeHints?) {
    guard case .module(let arguments, let seed, let limits) = contract.build, let className = line.className,
      let function = line.functionName
    else { return (.accepted, nil) }
    let isModel = className == modelClassName
    let goal = contract.outputShape
    let input = forwardInput ?? "x"
    func build(_ closing: String, after program: String) throws(ArchLangError) -> CompiledModule {
      try CompiledModule.compile(
        program + closing, className: modelClassName, arguments: arguments, seed: seed, limits: limits)
    }
    func build(_ closing: String) throws(ArchLangError) -> CompiledModule { try build(closing, after: source) }
    func described(_ shapes: [[Int]]) -> String { shapes.prefix(6).map(ShapeProbe.describe).joined(separator: ", ") }
    switch line.kind {
    case .functionHeader:
      guard isModel, function == "forward" else { return (.accepted, nil) }
      let closing = String(repeating: " ", count: line.indent + 4) + "return \(input)\n"
      guard let module = try? build(closing) else { return (.accepted, nil) }
      let reachable = ShapeProbe.reachableShapes(of: module, inputShapes: contract.inputShapes)
      guard ShapeProbe.reaches(goal, from: reachable.shapes, assembled: contract.assemblesOutput) else {
        return (
          .rejected("nothing gives \(contract.outputDescription); the layers reach \(described(reachable.shapes))"), nil
        )
      }
      return (.accepted, forwardHints(module, localShapes: forwardParameterShapes(header: line.text)))
    case .returnStatement:
      let report = contract.check(source)
      if report.isAccepted { return (.finished(fingerprint: report.functionFingerprint), nil) }
      if !isModel { return (staticVerdict(source), nil) }
      return (.rejected(report.error?.message ?? "rejected"), nil)
    case .assignment, .superInit: break
    default: return (.accepted, nil)
    }
    guard isModel else { return (staticVerdict(source), nil) }
    if function == "__init__" {
      let module: CompiledModule
      do {
        let inputs = contract.inputShapes.indices.map { "input\($0)" }
        let parameters = (["self"] + inputs).joined(separator: ", ")
        module = try build("    def forward(\(parameters)):\n        return \(inputs.first ?? "None")\n")
      } catch {
        return (.rejected(error.message), nil)
      }
      let reachable = ShapeProbe.reachableShapes(of: module, inputShapes: contract.inputShapes)
      let assigned = line.targets.filter { $0.hasPrefix("self.") }.map { String($0.dropFirst(5)) }
      if let unusable = assigned.first(where: reachable.unusable.contains) {
        return (
          .rejected(
            "self.\(unusable) takes none of the shapes the inputs and the layers before it give: \(described(reachable.shapes))"
          ), nil
        )
      }
      let reaches = ShapeProbe.reaches(goal, from: reachable.shapes, assembled: contract.assemblesOutput)
      if isFinalInitializerStatement, !reaches {
        return (
          .rejected(
            "__init__'s last statement must make \(contract.outputDescription) reachable; the layers reach \(described(reachable.shapes))"
          ), nil
        )
      }
      var hints = ShapeHints(moduleAttributes: Set(module.moduleAttributeNames))
      hints.recurrentModules = ShapeProbe.recurrentModules(of: module)
      hints.knownIntegers = ShapeProbe.knownIntegers(inInitializerOf: source)
      hints.reachesClassScores = reaches
      hints.classCount = goal.last ?? hints.classCount
      return (.accepted, hints)
    }
    // A statement of `forward`: run the pass so far and return every local, to learn their shapes.
    let names = locals.filter { $0 != "self" }.sorted()
    let closing = String(repeating: " ", count: line.indent) + "return [\(names.joined(separator: ", "))]\n"
    do throws(ArchLangError) {
      let module = try build(closing)
      let shapes = try module.forwardOutputShapes(inputShapes: contract.inputShapes)
      var localShapes: [String: [Int]] = [:]
      for (name, shape) in zip(names, shapes) { if let shape { localShapes[name] = shape } }
      let hints = forwardHints(module, localShapes: localShapes)
      if outputWasReachable, !hints.reachesClassScores {
        let shown = localShapes.sorted { $0.key < $1.key }.prefix(4).map {
          "\($0.key) \(ShapeProbe.describe($0.value))"
        }
        return (
          .rejected(
            "after this line nothing gives \(contract.outputDescription) from \(shown.joined(separator: ", "))"), nil
        )
      }
      return (.accepted, hints)
    } catch {
      let failingPrefix = Self.failingPrefix(of: line, source: source, error: error) {
        (probe: String) throws(ArchLangError) in
        _ = try build(closing, after: probe).forwardOutputShapes(inputShapes: contract.inputShapes)
      }
      return (.rejected(error.message, failingPrefix: failingPrefix), nil)
    }
  }

  /// The contract's input shapes under the names the `forward` header gives them (`def forward(self, z, e, g):`).
  func forwardParameterShapes(header: String) -> [String: [Int]] {
    guard let open = header.firstIndex(of: "("), let close = header.lastIndex(of: ")"), open < close else { return [:] }
    let names = header[header.index(after: open)..<close].split(separator: ",").map {
      String($0.prefix { $0 != "=" }).trimmingCharacters(in: .whitespaces)
    }
    var shapes: [String: [Int]] = [:]
    for (name, shape) in zip(names.dropFirst(), contract.inputShapes) { shapes[name] = shape }
    return shapes
  }

  private func forwardHints(_ module: CompiledModule, localShapes: [String: [Int]]) -> ShapeHints {
    ShapeProbe.forwardHints(
      model: module, localShapes: localShapes, classScores: contract.outputShape, assembled: contract.assemblesOutput)
  }
}
