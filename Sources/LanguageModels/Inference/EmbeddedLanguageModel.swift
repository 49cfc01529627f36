import Foundation

/// The built-in language model: a GGUF llama-family model run by this package's own runtime.
///
/// Besides `LanguageModel`, it exposes what only an embedded model can: token ids, raw next-token logits,
/// a per-step `LogitsProcessor` (constrained decoding) and a `SoftPrompt` placed before the prompt.
///
/// The soft prompt `complete` reads is a property, so prompt-tuning can replace it between a search's rounds while
/// the same model object serves them; it is guarded by a lock (hence `@unchecked Sendable`), everything else is
/// immutable.
public final class EmbeddedLanguageModel: LanguageModel, @unchecked Sendable {
  /// `smollm2 (embedded)` for known models, else the file name.
  public let name: String
  /// The network.
  public let model: LlamaModel
  /// The vocabulary and its tokenizer.
  public let tokenizer: Tokenizer
  /// Context size of the sessions this model creates.
  public let maxContext: Int
  private let softPromptLock = NSLock()
  private var currentSoftPrompt: SoftPrompt?
  /// States after recent prompts: the samples of one prompt process it once (`promptSession`).
  let promptCache = PromptCache(capacity: 8)

  /// Loads the GGUF file at `path`.
  public init(path: String, threadCount: Int = 2, maxContext: Int? = nil) throws {
    let file = try GGUFFile(path: path)
    model = try LlamaModel(file: file, threadCount: threadCount)
    tokenizer = try Tokenizer(file: file)
    self.maxContext = maxContext ?? min(model.configuration.contextLength, 4096)
    let fileName = URL(fileURLWithPath: path).lastPathComponent
    let base =
      KnownModel.all.first { $0.fileName == fileName }?.name
      ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    name = "\(base) (embedded)"
  }

  /// The soft prompt `complete` reads before every prompt (nil: none). Set it with `setSoftPrompt(_:)`.
  public var softPrompt: SoftPrompt? { softPromptLock.withLock { currentSoftPrompt } }

  /// Makes `complete` read `softPrompt` before every prompt from now on (nil removes it). Returns false, keeping
  /// the current one, for a soft prompt whose width is not the model's embedding length.
  @discardableResult
  public func setSoftPrompt(_ softPrompt: SoftPrompt?) -> Bool {
    if let softPrompt, softPrompt.width != model.configuration.embeddingLength { return false }
    softPromptLock.withLock { currentSoftPrompt = softPrompt }
    return true
  }

  /// The chat format of the model's own template, when it is one this package knows (ChatML, Llama 3).
  public var chatTemplate: ChatTemplate? { ChatTemplate(jinja: tokenizer.chatTemplateSource) }

  /// A fresh KV cache and buffers for one sequence.
  public func makeSession() -> InferenceSession {
    InferenceSession(model: model, maxContext: maxContext)
  }

  /// A session that has read `softPrompt` (if any) then `tokens`, and the seconds that took. The state after a
  /// prompt is kept (the last few prompts): another sample of the same prompt gets a copy of it instead of
  /// processing the prompt again, bit-identical to processing it (`PromptState`). A `profile` measures the prompt's
  /// processing.
  public func promptSession(tokens: [Int], softPrompt: SoftPrompt? = nil, profile: ForwardProfile? = nil) throws -> (
    session: InferenceSession, seconds: Double
  ) {
    let start = DispatchTime.now().uptimeNanoseconds
    let session = makeSession()
    session.profile = profile
    defer { session.profile = nil }
    let key = PromptCache.Key(tokens: tokens, softPrompt: softPrompt?.vectors ?? [])
    if let state = promptCache.state(for: key) {
      try session.restore(state)
    } else {
      if let softPrompt { try session.evaluate(embeddings: softPrompt.vectors) }
      try session.evaluate(tokens: tokens)
      promptCache.store(session.snapshot(), for: key)
    }
    return (session, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
  }

  /// Prompt tokens of `text` as the GGUF asks (BOS only if `add_bos_token`), special tokens parsed.
  public func tokenize(_ text: String) -> [Int] { tokenizer.encode(text) }

  /// Logits predicting the token after `tokens` (after `softPrompt`, when given).
  public func nextTokenLogits(after tokens: [Int], softPrompt: SoftPrompt? = nil) throws -> [Float] {
    let session = makeSession()
    if let softPrompt { try session.evaluate(embeddings: softPrompt.vectors) }
    try session.evaluate(tokens: tokens)
    return session.logits
  }

  /// Feeds `prompt` then `continuation` and reports, for every continuation token, the argmax and log-probability
  /// of the distribution that predicts it.
  public func score(prompt: String, continuation: [Int]) throws -> ContinuationScore {
    let promptTokens = tokenize(prompt)
    guard !promptTokens.isEmpty else { return ContinuationScore(promptTokens: [], argmax: [], logProbabilities: []) }
    let session = makeSession()
    // The prompt goes in as one batch and the continuation one token at a time, exactly as in generation.
    try session.evaluate(tokens: promptTokens)
    var argmax: [Int] = []
    var logProbabilities: [Float] = []
    for (j, token) in continuation.enumerated() {
      argmax.append(TokenSampler.argmax(session.logits))
      logProbabilities.append(EmbeddedLanguageModel.logSoftmax(session.logits, at: token))
      if j + 1 < continuation.count { try session.evaluate(tokens: [token]) }
    }
    return ContinuationScore(promptTokens: promptTokens, argmax: argmax, logProbabilities: logProbabilities)
  }

  /// `log softmax(logits)[index]`, computed stably.
  public static func logSoftmax(_ logits: [Float], at index: Int) -> Float {
    let maximum = logits.max() ?? 0
    var total: Double = 0
    for value in logits { total += exp(Double(value - maximum)) }
    return Float(Double(logits[index] - maximum) - log(total))
  }
}
