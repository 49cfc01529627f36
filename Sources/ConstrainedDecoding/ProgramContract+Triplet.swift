import ArchLang
import CLRSPrograms

extension ProgramContract {
  /// CLRS's triplet-message function as `check` checks it: `TripletMessages(hidden, nb_triplet_fts, out_size)`,
  /// `z`, `edge_fts` and `graph_fts` in, `[B, N, N, out_size]` out, assembled by broadcasting and reducing.
  public static func tripletMessages(_ check: TripletProgramCheck) -> ProgramContract {
    let shapes = check.contract
    return ProgramContract(
      className: TripletProgram.className,
      build: .module(arguments: check.constructorArguments, seed: check.seed, limits: check.limits),
      inputShapes: shapes.inputShapes, outputShape: shapes.outputShape, assemblesOutput: true,
      maximumInitializerStatements: tripletStatementLimit, maximumForwardStatements: tripletStatementLimit,
      maximumRepeatedValues: 4, check: { check.run($0) })
  }

  /// Most statements in a triplet function's `__init__` and `forward`: the standard function builds eight maps
  /// after `super().__init__()` and sums seven terms; it builds one kind of edge map four times (three edges and
  /// the graph).
  public static let tripletStatementLimit = 12
}
