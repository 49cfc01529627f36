import Foundation
import LanguageModels

/// The embedded model as a search's `LanguageModel`, sampling every child with constrained decoding.
///
/// Each sample is one `ProgramProposing.propose` call with a seed of its own (derived from the request's seed
/// and the sample's index, so a request always gives the same programs), read after the current soft prompt.
/// The reply is the whole program, opening included, so `CodeExtractor` and the validator see what was written;
/// a proposal that ran out of budget or reached a dead end comes back as the text it got to, and one that threw as
/// a comment saying why, for the validator to reject with a reason, rather than as an error that would stop the
/// search.
public final class ConstrainedLanguageModel: LanguageModel, @unchecked Sendable {
  public let name: String
  /// The text prompts end with (the imports of `PromptBuilder.programOpening`); the proposer starts after it.
  public let opening: String
  private let proposer: any ProgramProposing
  private let softPrompt: @Sendable () -> SoftPrompt?
  /// The model underneath is not re-entrant: one proposal at a time, whoever asks.
  private let modelLock = NSLock()

  /// Samples from `proposer`; `softPrompt` is read once per request (prompt-tuning may replace it between rounds).
  public init(
    name: String, opening: String, proposer: any ProgramProposing,
    softPrompt: @escaping @Sendable () -> SoftPrompt? = { nil }
  ) {
    self.name = name
    self.opening = opening
    self.proposer = proposer
    self.softPrompt = softPrompt
  }

  /// Constrained decoding with `model` of programs that meet `contract`, under the soft prompt `model` currently
  /// holds.
  public convenience init(model: EmbeddedLanguageModel, opening: String, contract: ProgramContract = .classifier()) {
    let proposer = ConstrainedProposer(model: model)
    proposer.verifier = LineVerifier(contract: contract)
    self.init(name: model.name, opening: opening, proposer: proposer, softPrompt: { model.softPrompt })
  }

  /// The reply of one proposal: the program it finished, or the text it reached followed by a comment that says
  /// why decoding stopped (the program is incomplete, so the validator rejects it; the comment tells a reader why).
  public static func replyText(of proposal: ConstrainedProposal) -> String {
    if proposal.finished { return proposal.code }
    let reason = (proposal.failure ?? "stopped before the program was complete")
      .replacingOccurrences(of: "\n", with: " ")
    let separator = proposal.code.isEmpty || proposal.code.hasSuffix("\n") ? "" : "\n"
    return proposal.code + separator + "# constrained decoding stopped: \(reason)\n"
  }

  /// Proposes on a thread of its own (decoding blocks for seconds, too long for the cooperative pool). Each
  /// finished sample is streamed whole as one chunk; cancelling the calling task stops before the next sample.
  public func complete(_ request: CompletionRequest, onChunk: (@Sendable (CompletionChunk) -> Void)?) async throws
    -> [Completion]
  {
    let softPrompt = softPrompt()
    return try await CancellationFlag.runOnDedicatedThread { cancellation in
      try self.proposeAll(request, softPrompt: softPrompt, cancellation: cancellation, onChunk: onChunk)
    }
  }

  /// The request's samples, one after another, under the model lock.
  func proposeAll(
    _ request: CompletionRequest, softPrompt: SoftPrompt?, cancellation: CancellationFlag,
    onChunk: (@Sendable (CompletionChunk) -> Void)?
  ) throws -> [Completion] {
    // The proposer continues after the opening; a prompt without it (not one a search builds) gets the program
    // written from its first line, which the checker also accepts.
    let opening = request.prompt.hasSuffix(self.opening) ? self.opening : ""
    var completions: [Completion] = []
    // Each finished sample joins the programs the later samples of the request must not compute.
    var distinctFrom = request.distinctFrom
    let avoidsCopies = !distinctFrom.isEmpty
    for index in 0..<max(0, request.sampleCount) {
      if cancellation.isCancelled { throw CancellationError() }
      var parameters = request.parameters
      parameters.seed = SamplingParameters.sampleSeed(request.parameters.seed, sample: index)
      let text: String
      var finishReason = FinishReason.length
      var tokensPerSecond: Double?
      do {
        let proposal = try modelLock.withLock {
          try proposer.propose(
            prompt: request.prompt, opening: opening, parameters: parameters, softPrompt: softPrompt,
            distinctFrom: distinctFrom)
        }
        if avoidsCopies, let fingerprint = proposal.functionFingerprint, distinctFrom[fingerprint] == nil {
          distinctFrom[fingerprint] = "sample \(index) of this prompt"
        }
        text = Self.replyText(of: proposal)
        if proposal.finished { finishReason = .stopSequence }
        if proposal.decodeSeconds > 0 { tokensPerSecond = proposal.tokensPerSecond }
      } catch let error as CancellationError {
        throw error
      } catch {
        // One sample's failure (say, a prompt too long for the context) is that sample's reply, recorded and then
        // rejected as holding no program, so the search goes on with the other samples.
        text = "# constrained decoding failed: \(error)\n"
      }
      onChunk?(CompletionChunk(sampleIndex: index, text: text))
      completions.append(
        Completion(text: text, finishReason: finishReason, tokensPerSecond: tokensPerSecond))
    }
    return completions
  }
}
