import ArchLang
import EvoTensor
import Foundation
import LanguageModels
import Sessions

// Selection of the next parents, prompt tuning examples, and the program files beside the log.
extension SearchRun {
  /// Records the next parents; the parents this round's prompts used are retired.
  func selectParents(after round: Int) throws {
    let used = Set(state.prompts(ofRound: round).flatMap(\.parents))
    let retired = state.retired.union(used)
    var generator = RandomSource(seed: settings.seed &+ 0xA11CE &+ UInt64(round))
    let selection = parentSelection
    var parents = selection.select(from: state, retired: retired, using: &generator)
    if parents.isEmpty {
      // Nothing new qualified: keep prompting from the fittest, used or not, rather than stopping.
      parents = selection.select(from: state, retired: [], using: &generator)
    }
    try record(
      .parentsSelected(
        ParentsSelected(round: round, parents: parents, retired: Array(used.subtracting(state.retired)).sorted())))
  }

  /// The paper's selection rules with this search's settings.
  var parentSelection: ParentSelection {
    ParentSelection(parentCount: settings.parentCount, alpha: settings.alpha, randomParents: settings.randomParents)
  }

  /// The round's (prompt, child) pairs that were evaluated and not selected as parents (the paper's tuning set).
  func tuningExamples(round: Int) -> [(prompt: String, completion: String)] {
    state.promptChildPairs(
      round: round, excluding: Set(state.parents),
      completion: ProgramOpening(components.promptBuilder.programOpening).completion)
  }

  // MARK: - Files

  /// Keeps `programs/<id>.py` beside the log for reading and diffing (the log stays the source of truth).
  func writeProgramFile(id: String, code: String) {
    let folder = log.directory.appendingPathComponent("programs")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try? code.write(to: folder.appendingPathComponent("\(id).py"), atomically: true, encoding: .utf8)
  }
}
