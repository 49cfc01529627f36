import Foundation

/// Writes the best programs of a session as PyTorch files with their metrics in a header comment.
public enum ProgramExport {
  /// Writes the first `count` candidates of the session's ranking (the best model first, as `report` names it)
  /// to `folder`; returns the paths written. A folder or file that cannot be written is a
  /// `SessionError.writeFailed` naming it and saying why.
  public static func write(state: SessionState, best count: Int, to folder: URL) throws -> [String] {
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw SessionError.writeFailed(path: folder.path, detail: SessionError.reason(error))
    }
    var written: [String] = []
    let metric = TaskMetric.of(task: state.configuration?.task).name
    for (rank, record) in state.ranking.prefix(count).enumerated() {
      let standing =
        record.id == state.best?.id
        ? "the best model: \(state.bestRule)"
        : state.isEligible(record)
          ? "eligible (validation error < α = \(SessionState.alphaText(state.alpha)))"
          : "not eligible: validation error \(String(format: "%.4f", record.validationError ?? 1)) ≥ α = \(SessionState.alphaText(state.alpha))"
      let header = """
        # EvoPrompting candidate \(record.id) (rank \(rank + 1), round \(record.round), parents: \(record.parents.isEmpty ? "none" : record.parents.joined(separator: ", ")))
        # task: \(state.configuration?.task ?? "?")
        # parameters: \(record.params ?? 0)
        # validation \(metric) (best during training): \(String(format: "%.4f", record.validationAccuracy ?? 0))
        # test \(metric): \(String(format: "%.4f", record.testAccuracy ?? 0))
        # fitness -(params x validation error): \(String(format: "%.1f", record.fitness ?? 0))
        # \(standing)

        """
      let path = folder.appendingPathComponent(String(format: "%02d-%@.py", rank + 1, record.id))
      do {
        try (header + record.code).write(to: path, atomically: true, encoding: .utf8)
      } catch {
        throw SessionError.writeFailed(path: path.path, detail: SessionError.reason(error))
      }
      written.append(path.path)
    }
    return written
  }
}
