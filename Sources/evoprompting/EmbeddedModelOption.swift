import ArgumentParser

/// The `--model` option of the `lm` commands: which embedded model to load, and where its GGUF file is.
struct EmbeddedModelOption: ParsableArguments {
  @Option(help: "A model name (qwen2.5-coder-0.5b, smollm2) or a GGUF file path (default: qwen2.5-coder-0.5b).")
  var model: String?

  /// The GGUF file the option names (the default model's when it is not given).
  func path() throws -> String { try LanguageModelFactory.embeddedModelPath(model) }
}
