import ArgumentParser
import Evolution
import Foundation
import LanguageModels

/// The `--model` option of the `lm` commands: which embedded model to load, and where its GGUF file is.
struct EmbeddedModelOption: ParsableArguments {
  @Option(help: "A model name (qwen2.5-coder-0.5b, smollm2) or a GGUF file path (default: qwen2.5-coder-0.5b).")
  var model: String?

  /// The GGUF file the option names (the default model's when it is not given).
  func path() throws -> String { try LanguageModelFactory.embeddedModelPath(model) }
}

/// What `lm generate` and `lm score` both read: the model, the threads it runs on, and a prompt file (whose whole
/// content is the prompt: no chat template).
struct EmbeddedPromptOptions: ParsableArguments {
  @OptionGroup var model: EmbeddedModelOption

  @Option(name: .customLong("prompt-file"), help: "File whose whole content is the prompt (no chat template).")
  var promptFile: String

  @Option(help: "Threads for matrix-vector products.")
  var threads: Int = 2

  func validate() throws {
    try SettingRule<Int>.threads.check(threads, flag: "threads")
  }

  /// Loads the model and reads the prompt.
  func load() throws -> (language: EmbeddedLanguageModel, prompt: String) {
    let language = try EmbeddedLanguageModel(path: try model.path(), threadCount: threads)
    return (language, try String(contentsOfFile: promptFile, encoding: .utf8))
  }
}
