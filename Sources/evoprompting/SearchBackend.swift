import ConstrainedDecoding
import Evolution
import Foundation
import LanguageModels
import PromptTuning
import Sessions

/// The language-model side of a search: the backend the loop samples from, whether it decodes under constraints,
/// and the prompt tuner that runs between rounds (embedded model only).
struct SearchBackend {
  /// What `SearchRun` samples children from.
  var languageModel: any LanguageModel
  /// Recorded with each proposal.
  var constrained: Bool
  /// Soft prompt-tuning between rounds, when on and possible.
  var promptTuner: (any PromptTuner)?
  /// Things the user should know that did not stop the search (e.g. a saved soft prompt that could not be read).
  var notes: [String] = []

  /// The backend `languageModel` names, set up as `settings` ask: with the embedded model, constrained decoding unless
  /// `constrained` is off, and a `SoftPromptTuner` whose soft prompts the model reads from the next round on
  /// unless `prompt_tuning` is off. Resuming `resumed` (a session folder and its state) reloads the soft prompt the
  /// session tuned last. Other backends are used as they are: constraints and tuning need the model's internals.
  /// Constrained decoding holds each program to `contract` (the task's).
  static func make(
    languageModel: LanguageModelSettings, settings: SearchSettings, promptBuilder: PromptBuilder = PromptBuilder(),
    contract: ProgramContract = .classifier(), resumed: (directory: URL, state: SessionState)? = nil
  ) throws -> SearchBackend {
    let model = try LanguageModelFactory.make(languageModel)
    guard let embedded = model as? EmbeddedLanguageModel else {
      return SearchBackend(languageModel: model, constrained: false, promptTuner: nil)
    }
    var notes: [String] = []
    if let resumed, let note = restoreSoftPrompt(of: embedded, from: resumed.directory, state: resumed.state) {
      notes.append(note)
    }
    var tuner: (any PromptTuner)?
    if settings.promptTuning && settings.effectiveRounds > 1 {
      do {
        tuner = SoftPromptRoundTuner(
          tuner: try SoftPromptTuner(
            modelPath: try LanguageModelFactory.embeddedModelPath(languageModel), settings: settings.tuningSettings,
            onTuned: { embedded.setSoftPrompt($0) }))
      } catch {
        // A model the training forward pass does not implement can still propose: search on, untuned.
        notes.append("prompt tuning is off for this model: \(error)")
      }
    }
    let sampler: any LanguageModel =
      settings.constrainedDecoding
      ? ConstrainedLanguageModel(model: embedded, opening: promptBuilder.programOpening, contract: contract) : embedded
    return SearchBackend(
      languageModel: sampler, constrained: settings.constrainedDecoding, promptTuner: tuner, notes: notes)
  }

  /// Gives `model` the soft prompt the session at `directory` saved last; a note when one was recorded but could
  /// not be used (the search then goes on without it), nil otherwise.
  static func restoreSoftPrompt(of model: EmbeddedLanguageModel, from directory: URL, state: SessionState) -> String? {
    guard let latest = state.tuning.last(where: { $0.softPrompt != nil }), let relative = latest.softPrompt else {
      return nil
    }
    let path = directory.appendingPathComponent(relative).path
    do {
      let softPrompt = try SoftPromptFile.read(from: path)
      guard model.setSoftPrompt(softPrompt) else {
        return "soft prompt \(relative) has width \(softPrompt.width), the model's is "
          + "\(model.model.configuration.embeddingLength); continuing without it"
      }
      return nil
    } catch {
      return "soft prompt \(relative) could not be read (\(error)); continuing without it"
    }
  }
}
