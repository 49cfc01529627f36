import ArchLang
import EvoTensor
import MemberwiseInit
import Tasks

/// The CLRS task's check of a candidate triplet program, as `CandidateCheck` is MNIST-1D's: it must parse, pass
/// the static checks, build with `(hidden, nb_triplet_fts, out_size)`, and map inputs of the contract's shapes to
/// `[B, N, N, out_size]`.
@MemberwiseInit
public struct TripletProgramCheck: Sendable, Hashable {
  public var contract: CLRSTripletContract = CLRSTripletContract()
  public var seed: UInt64 = 0

  /// The arguments the program's class is built with: `(hidden, nb_triplet_fts, out_size)`, the output the
  /// hidden size as in dm-clrs's processor.
  public var constructorArguments: [Int] { [contract.hidden, contract.tripletFeatures, contract.hidden] }

  /// The interpreter limits of the check's calls.
  public var limits: InterpreterLimits {
    let c = contract
    return TripletProgram.limits(
      batchSize: c.batchSize, nodeCount: c.nodeCount, hidden: c.hidden, tripletFeatures: c.tripletFeatures)
  }

  /// Checks `source`; never throws, a rejection is in the report.
  public func run(_ source: String) -> CandidateReport {
    let c = contract
    let program: TripletProgram
    do {
      program = try TripletProgram(
        source: source, hidden: c.hidden, tripletFeatures: c.tripletFeatures, outSize: c.hidden, seed: seed,
        limits: limits)
    } catch {
      return CandidateReport(inputShape: c.inputShapes[0], error: error)
    }
    let compiled = program.compiled
    var report = CandidateReport(
      parameterCount: program.parameterCount, inputShape: c.inputShapes[0], modelName: compiled.className,
      fingerprint: compiled.program.fingerprint, log: compiled.interpreter.log)
    var generator = RandomSource(seed: 0xC1_25)
    let inputs = c.inputShapes.map { Tensor.randn($0, using: &generator) }
    // One pass with the tape: its output is checked for shape and fingerprinted, and `triviality` follows its
    // gradients back to the layers.
    let result: Result<Tensor, ArchLangError>
    do throws(ArchLangError) {
      result = .success(try compiled.forward(inputs))
    } catch {
      result = .failure(error)
    }
    do {
      let output = try result.get()
      report.outputShape = output.shape
      report.functionFingerprint = CompiledModel.functionFingerprint(
        parameterCount: program.parameterCount, output: output)
      if output.shape != c.outputShape {
        report.error = ArchLangError(
          .runtime,
          "the triplet function must map z \(c.inputShapes[0]), edge_fts \(c.inputShapes[1]) and graph_fts \(c.inputShapes[2]) to \(c.outputShape), but it returned \(output.shape)",
          at: .start)
      }
    } catch {
      report.error = error
    }
    if report.error == nil, case .success(let output) = result,
      let problem = Self.triviality(of: program, inputs: inputs, output: output)
    {
      report.error = ArchLangError(.runtime, problem, at: compiled.program.modelSelectionLocation)
    }
    if report.error == nil { report.error = largerGraphsProblem(program) }
    report.log = compiled.interpreter.log
    return report
  }

  /// The graph size of the second run: the paper's largest training graphs (Ibarz et al.'s sizes go up to 16).
  public static let largerNodeCount = 16

  /// The contract at a second size, one more graph of `largerNodeCount` nodes: a function that works only at the
  /// first size (a size written into a `view`, a count that overflows as N grows) fails here, not in training.
  public var largerContract: CLRSTripletContract {
    var larger = contract
    larger.batchSize += 1
    larger.nodeCount = Swift.max(Self.largerNodeCount, contract.nodeCount + 1)
    return larger
  }

  /// Why `program` fails at `largerContract`'s shapes, if it does; the error keeps its source location.
  func largerGraphsProblem(_ program: TripletProgram) -> ArchLangError? {
    let larger = largerContract
    let size = "at \(larger.batchSize) graphs of \(larger.nodeCount) nodes"
    var generator = RandomSource(seed: 0x1A_26E)
    let inputs = larger.inputShapes.map { Tensor.randn($0, using: &generator) }
    let output: Tensor
    do throws(ArchLangError) {
      output = try Tensor.withoutGrad { () throws(ArchLangError) in try program.compiled.forward(inputs) }
    } catch {
      return ArchLangError(error.kind, "\(size): \(error.message)", at: error.location)
    }
    guard output.shape == larger.outputShape else {
      return ArchLangError(
        .runtime,
        "\(size), the function returned \(output.shape), not \(larger.outputShape): it must work for any B and N",
        at: program.compiled.program.modelSelectionLocation)
    }
    return nil
  }

  /// Why `program` computes no messages of its own, if it does not: it returns one of its inputs unchanged, or a
  /// layer it builds takes no part in the output (its parameters get no gradient on a random projection of it).
  /// Such a function trains as the processor without the layers it wastes; dm-clrs would never run it.
  static func triviality(of program: TripletProgram, inputs: [Tensor], output: Tensor) -> String? {
    let names = ["z", "edge_fts", "graph_fts"]
    let values = output.scalars
    for (index, input) in inputs.enumerated() where input.shape == output.shape && input.scalars == values {
      return "the function returns \(names[index]) unchanged; the messages must come from its layers"
    }
    guard output.requiresGrad else { return "the output does not depend on any layer of the function" }
    var generator = RandomSource(seed: 0x7E_57)
    (output * Tensor.randn(output.shape, using: &generator)).sum().backward()
    let parameters = program.compiled.module.namedParameters()
    defer { for parameter in parameters { parameter.tensor.zeroGrad() } }
    guard
      let unused = parameters.first(where: { parameter in
        parameter.tensor.grad.map { $0.scalars.allSatisfy { $0 == 0 } } ?? true
      })
    else { return nil }
    let layer = "self." + unused.name.split(separator: ".").dropLast().joined(separator: ".")
    return "\(layer) takes no part in the output (its parameters get no gradient); use every layer the function builds"
  }
}
