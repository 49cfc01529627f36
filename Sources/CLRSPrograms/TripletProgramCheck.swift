import ArchLang
import EvoTensor
import Tasks

/// The CLRS task's check of a candidate triplet program, as `CandidateCheck` is MNIST-1D's: it must parse, pass
/// the static checks, build with `(hidden, nb_triplet_fts, out_size)`, and map inputs of the contract's shapes to
/// `[B, N, N, out_size]`.
public struct TripletProgramCheck: Sendable, Hashable {
  public var contract: CLRSTripletContract
  public var seed: UInt64

  public init(contract: CLRSTripletContract = CLRSTripletContract(), seed: UInt64 = 0) {
    self.contract = contract
    self.seed = seed
  }

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
    var result: Result<Tensor, ArchLangError> = .failure(ArchLangError(.runtime, "forward did not run", at: .start))
    Tensor.withoutGrad {
      do throws(ArchLangError) {
        result = .success(try compiled.forward(inputs))
      } catch {
        result = .failure(error)
      }
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
    report.log = compiled.interpreter.log
    return report
  }
}
