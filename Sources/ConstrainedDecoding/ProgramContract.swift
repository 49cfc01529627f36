import ArchLang
import MemberwiseInit

/// What a task asks the language model to write, as constrained decoding checks it: the class that is the
/// network, how it is built, the shapes its `forward` takes and must return, and the full check of a finished
/// program. Each completed statement runs on dummy tensors of these shapes.
@MemberwiseInit
public struct ProgramContract: Sendable {
  /// How the program's network is built and probed.
  public enum Build: Sendable {
    /// MNIST-1D's classifier: `Model()`, built without arguments, one input of `check.exampleShape` (after the
    /// batch) in, the class scores out; `check` is the full check.
    case classifier(CandidateCheck)
    /// A component module built with integer arguments (CLRS's `TripletMessages(hidden, nb_triplet_fts,
    /// out_size)`) and called with several tensors.
    case module(arguments: [Int], seed: UInt64, limits: InterpreterLimits)
  }

  /// The class the program must define and end with.
  public var className: String
  public var build: Build
  /// The shapes `forward` takes, batch first, in parameter order.
  public var inputShapes: [[Int]]
  /// The shape `forward` must return, batch first.
  public var outputShape: [Int]
  /// Whether the output may be assembled by broadcasting and reducing tensors (the triplet function adds node,
  /// edge and graph maps into `[B, N, N, N, F]` and takes a max over a node axis). Off, it must be what some layer
  /// gives, as a classifier's scores are.
  public var assemblesOutput: Bool
  /// Most statements in the class's `__init__` (its `super().__init__()` included) and `forward`.
  public var maximumInitializerStatements: Int = PrefixChecker.maximumInitializerStatements
  public var maximumForwardStatements: Int = PrefixChecker.maximumForwardStatements
  /// Most times one layer may be built in `__init__` (a small model otherwise repeats one forever).
  public var maximumRepeatedValues: Int = PrefixChecker.maximumRepeatedValues
  /// The full check a finished program must pass.
  public var check: @Sendable (String) -> CandidateReport

  /// MNIST-1D's contract (`check`'s defaults: `[B, 40]` in, 10 class scores out).
  public static func classifier(_ check: CandidateCheck = CandidateCheck(exampleShape: [40], classCount: 10))
    -> ProgramContract
  {
    ProgramContract(
      className: "Model", build: .classifier(check),
      inputShapes: check.exampleShape.map { [[check.batchSize] + $0] } ?? [],
      outputShape: [check.batchSize, check.classCount], assemblesOutput: false, check: { check.run($0) })
  }

  /// The integers the class is built with; empty for a classifier built without arguments.
  public var constructorArguments: [Int] {
    if case .module(let arguments, _, _) = build { return arguments }
    return []
  }

  /// What a message calls the output: "the 10 class scores", "[B, 5, 5, 16]".
  var outputDescription: String {
    if case .classifier(let check) = build { return "the \(check.classCount) class scores" }
    return ShapeProbe.describe(outputShape)
  }
}
