/// The real proposer is the one `ConstrainedLanguageModel` drives in a search.
extension ConstrainedProposer: ProgramProposing {}
