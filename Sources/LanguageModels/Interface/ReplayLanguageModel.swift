import MemberwiseInit

/// A language model that plays back recorded replies in order: request `k` gets the completions of recording `k`.
///
/// Session replay uses it to re-run a logged search without a model, and tests use it as a scripted model. Each
/// sample's text is streamed to `onChunk` line by line, so a live view shows replies arriving as they did. A
/// request past the end of the recording, or asking for a different number of samples than was recorded, is an
/// error (a replay that silently diverged would show a search that never happened).
public actor ReplayLanguageModel: LanguageModel {
  /// The reply to one request.
  @MemberwiseInit
  public struct Recording: Sendable, Equatable {
    /// One completion per sample, in sample order.
    public var completions: [Completion]
    /// The prompt it answered, when known; checked only if the model was created with `verifiesPrompts`.
    public var prompt: String?
  }

  /// Why a replay cannot answer a request.
  public enum ReplayError: Error, Sendable, Equatable, CustomStringConvertible {
    /// All `recorded` replies have been played.
    case exhausted(recorded: Int)
    /// Request number `request` (0-based) asked for `requested` samples; the recording has `recorded`.
    case sampleCountMismatch(request: Int, requested: Int, recorded: Int)
    /// Request number `request` sent a different prompt from the recorded one.
    case promptMismatch(request: Int)

    public var description: String {
      switch self {
      case .exhausted(let recorded):
        return "replay exhausted: all \(recorded) recorded repl\(recorded == 1 ? "y has" : "ies have") been played"
      case .sampleCountMismatch(let request, let requested, let recorded):
        return
          "replay diverged at request \(request + 1): it asks for \(requested) sample\(requested == 1 ? "" : "s"), "
          + "the recording has \(recorded)"
      case .promptMismatch(let request):
        return "replay diverged at request \(request + 1): the prompt differs from the recorded one"
      }
    }
  }

  public nonisolated let name: String
  public let recordings: [Recording]
  /// Whether a recorded prompt must equal the request's prompt.
  public let verifiesPrompts: Bool
  /// Index of the next recording to play.
  public private(set) var nextRecording = 0

  public init(recordings: [Recording], verifiesPrompts: Bool = false, name: String = "replay") {
    self.recordings = recordings
    self.verifiesPrompts = verifiesPrompts
    self.name = name
  }

  /// Recordings not yet played.
  public var remaining: Int { recordings.count - nextRecording }

  public func complete(
    _ request: CompletionRequest, onChunk: (@Sendable (CompletionChunk) -> Void)?
  ) async throws -> [Completion] {
    guard nextRecording < recordings.count else { throw ReplayError.exhausted(recorded: recordings.count) }
    let recording = recordings[nextRecording]
    guard recording.completions.count == request.sampleCount else {
      throw ReplayError.sampleCountMismatch(
        request: nextRecording, requested: request.sampleCount, recorded: recording.completions.count)
    }
    if verifiesPrompts, let prompt = recording.prompt, prompt != request.prompt {
      throw ReplayError.promptMismatch(request: nextRecording)
    }
    // The cursor moves only for a request that is answered, so a mismatch can be retried with the right request.
    nextRecording += 1
    if let onChunk {
      for (sample, completion) in recording.completions.enumerated() {
        for line in Self.lines(of: completion.text) {
          onChunk(CompletionChunk(sampleIndex: sample, text: line))
        }
      }
    }
    return recording.completions
  }

  /// `text` cut after each newline; the pieces concatenate back to `text`.
  static func lines(of text: String) -> [String] {
    var pieces: [String] = []
    var current = ""
    for character in text {
      current.append(character)
      if character == "\n" {
        pieces.append(current)
        current = ""
      }
    }
    if !current.isEmpty { pieces.append(current) }
    return pieces
  }
}
