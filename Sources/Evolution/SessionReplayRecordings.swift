import LanguageModels
import Sessions

/// The language-model replies a session recorded, in the order the search asked for them, for `--lm replay`.
public enum SessionReplayRecordings {
  /// One recording per prompt (round by round, prompt by prompt) with that prompt's raw replies.
  public static func recordings(from state: SessionState) -> [ReplayLanguageModel.Recording] {
    state.prompts.map { prompt in
      let replies = state.proposals(round: prompt.round, prompt: prompt.index)
        .sorted { ($0.sampleIndex ?? 0) < ($1.sampleIndex ?? 0) }
        .map { Completion(text: $0.rawText ?? $0.code, finishReason: .stopSequence) }
      return ReplayLanguageModel.Recording(completions: replies, prompt: prompt.text)
    }
  }
}
