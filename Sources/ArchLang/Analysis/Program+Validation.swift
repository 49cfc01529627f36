extension Program {
  /// Parses `source` and runs the static checker, throwing the first problem found.
  public static func parseAndCheck(_ source: String) throws(ArchLangError) -> Program {
    let program = try Program(parsing: source)
    if let first = StaticChecker.check(program).first { throw first }
    return program
  }
}
