extension Program {
  /// The program in canonical form: formatting, comments and docstrings removed, literals normalised.
  public var canonicalSource: String {
    PrettyPrinter(includeDocstrings: false).source(of: self)
  }

  /// A 64-bit FNV-1a hash of `canonicalSource` as 16 hex digits: equal for programs that differ only in formatting,
  /// comments or docstrings, which is what duplicate detection needs.
  public var fingerprint: String { StableHash.hexDigest(canonicalSource) }
}
