import LanguageModels

/// A `LogitsProcessor` that keeps generation a viable prefix of an ArchLang program (syntax, defined names, real
/// keyword arguments), for use with `EmbeddedLanguageModel.generate(processor:)`. It cannot backtrack, so it does
/// not run shape checks; `ConstrainedProposer` adds those.
public final class ArchLangLogitsProcessor: LogitsProcessor {
  /// The checker, advanced past every completed line.
  public private(set) var checker: PrefixChecker
  /// The line being written.
  public private(set) var partialLine = ""
  /// Every line completed so far.
  public private(set) var committedLines: [CommittedLine] = []
  let vocabulary: TokenVocabulary
  let filter: CandidateFilter

  /// A processor starting after `opening` (whole lines, e.g. the prompt's imports), which it commits first.
  public init(vocabulary: TokenVocabulary, opening: String = "", filter: CandidateFilter = CandidateFilter()) {
    self.vocabulary = vocabulary
    self.filter = filter
    var checker = PrefixChecker()
    for line in opening.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
      checker.commit(String(line))
    }
    self.checker = checker
  }

  public func process(logits: inout [Float], generated: [Int]) {
    let allowed = filter.allowedTokens(logits: logits, vocabulary: vocabulary) { _, text in
      checker.accepts(text, after: partialLine)
    }
    logits = CandidateFilter.mask(logits, keeping: allowed)
  }

  public func didSelect(token: Int) {
    guard token >= 0, token < vocabulary.count, let text = vocabulary.texts[token] else { return }
    for character in text {
      if character == "\n" {
        if let line = checker.commit(partialLine) { committedLines.append(line) }
        partialLine = ""
      } else {
        partialLine.append(character)
      }
    }
  }
}
