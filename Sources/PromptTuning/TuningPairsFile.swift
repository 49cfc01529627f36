import Foundation

/// Reads `(prompt, completion)` pairs from JSON Lines: one `{"prompt": ..., "completion": ...}` object a line.
public enum TuningPairsFile {
  /// One line of the file.
  struct Line: Codable {
    let prompt: String
    let completion: String
  }

  /// The pairs in the file at `path`, in order; blank lines are skipped.
  public static func read(from path: String) throws -> [(prompt: String, completion: String)] {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw PromptTuningError.badExamplesFile("cannot read \(path): \(error.localizedDescription)")
    }
    let decoder = JSONDecoder()
    var pairs: [(prompt: String, completion: String)] = []
    for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
      do {
        let decoded = try decoder.decode(Line.self, from: Data(line.utf8))
        pairs.append((decoded.prompt, decoded.completion))
      } catch {
        throw PromptTuningError.badExamplesFile(
          "\(path):\(number + 1): expected {\"prompt\": ..., \"completion\": ...}")
      }
    }
    return pairs
  }

  /// One pair as a line of the file (with its newline).
  public static func line(prompt: String, completion: String) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    // Encoding two strings cannot fail.
    let data = (try? encoder.encode(Line(prompt: prompt, completion: completion))) ?? Data()
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
