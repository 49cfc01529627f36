import ArchLang
import ConstrainedDecoding
import Evolution
import Foundation
import LanguageModels
import ProcessTestSupport
import XCTest

/// A proposer that plays scripted proposals and records how it was called (and whether calls overlapped).
final class ScriptedProposer: ProgramProposing, @unchecked Sendable {
  struct Call: Equatable {
    var prompt: String
    var opening: String
    var seed: UInt64
    var softPrompt: SoftPrompt?
    var distinctFrom: [String: String] = [:]
  }

  private let lock = NSLock()
  private var script: [Result<ConstrainedProposal, Error>]
  private(set) var calls: [Call] = []
  private var active = 0
  private(set) var overlapped = false
  /// Seconds each call takes (to give concurrent callers a chance to overlap).
  var delay: TimeInterval = 0
  /// Signalled as each call starts.
  private let callStarted = DispatchSemaphore(value: 0)

  init(_ script: [Result<ConstrainedProposal, Error>]) {
    self.script = script
  }

  /// Returns once a call has started (waiting on a thread of its own, not the cooperative pool).
  func waitForFirstCall() async {
    await withCheckedContinuation { continuation in
      DispatchQueue.global().async {
        self.callStarted.wait()
        continuation.resume()
      }
    }
  }

  func propose(
    prompt: String, opening: String, parameters: SamplingParameters, softPrompt: SoftPrompt?,
    distinctFrom: [String: String]
  ) throws -> ConstrainedProposal {
    let next: Result<ConstrainedProposal, Error> = lock.withLock {
      active += 1
      if active > 1 { overlapped = true }
      calls.append(
        Call(
          prompt: prompt, opening: opening, seed: parameters.seed, softPrompt: softPrompt, distinctFrom: distinctFrom))
      return script.isEmpty ? .success(ConstrainedProposal(code: opening, finished: false)) : script.removeFirst()
    }
    callStarted.signal()
    // Decoding takes time: long enough for a test to cancel the request mid-sample.
    if delay > 0 { Thread.sleep(forTimeInterval: delay) }
    lock.withLock { active -= 1 }
    return try next.get()
  }
}

/// A holder for the soft prompt a test changes between requests.
final class SoftPromptHolder: @unchecked Sendable {
  private let lock = NSLock()
  private var value: SoftPrompt?
  var softPrompt: SoftPrompt? {
    get { lock.withLock { value } }
    set { lock.withLock { value = newValue } }
  }
}

/// A collector of streamed chunks.
final class ChunkLog: @unchecked Sendable {
  private let lock = NSLock()
  private var items: [CompletionChunk] = []
  func append(_ chunk: CompletionChunk) { lock.withLock { items.append(chunk) } }
  var chunks: [CompletionChunk] { lock.withLock { items } }
}

final class ConstrainedLanguageModelTests: XCTestCase {
  let builder = PromptBuilder()
  let program = """
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
    class Model(nn.Module):
        def __init__(self):
            super().__init__()
            self.fc = nn.Linear(40, 10)
        def forward(self, x):
            return self.fc(x)

    """

  func prompt() -> String {
    builder.prompt(parents: [
      (code: SeedProgram.mlp.source, metrics: ParentMetrics(params: 1000, validationAccuracy: 0.7))
    ])
  }

  func testEachSampleGetsItsOwnDeterministicSeedAndTheProgramIsTheReply() async throws {
    let proposer = ScriptedProposer([
      .success(ConstrainedProposal(code: program, finished: true, sampledTokens: 50, decodeSeconds: 0.5)),
      .success(ConstrainedProposal(code: program, finished: true)),
      .success(ConstrainedProposal(code: program, finished: true)),
    ])
    let model = ConstrainedLanguageModel(name: "scripted", opening: builder.programOpening, proposer: proposer)
    let request = CompletionRequest(
      prompt: prompt(), sampleCount: 3, parameters: SamplingParameters(temperature: 0.8, seed: 42, maxTokens: 100))
    let completions = try await model.complete(request)
    XCTAssertEqual(completions.map(\.text), [program, program, program])
    XCTAssertEqual(completions.map(\.finishReason), [.stopSequence, .stopSequence, .stopSequence])
    XCTAssertEqual(completions[0].tokensPerSecond ?? 0, 100, accuracy: 1e-9)
    let seeds = proposer.calls.map(\.seed)
    XCTAssertEqual(Set(seeds).count, 3, "every sample is seeded differently")
    XCTAssertEqual(seeds, (0..<3).map { SamplingParameters.sampleSeed(42, sample: $0) })
    XCTAssertEqual(
      SamplingParameters.sampleSeed(SamplingParameters.sampleSeed(42, sample: 1), sample: 1), seeds[2],
      "a request that starts at sample 1 draws what samples 1... of the whole request drew")
    XCTAssertEqual(seeds[0], 42, "sample 0 uses the request's seed, as the plain embedded model does")
    XCTAssertTrue(proposer.calls.allSatisfy { $0.opening == builder.programOpening && $0.prompt == request.prompt })
    // The search's extractor and validator see the whole program.
    let code = try XCTUnwrap(CodeExtractor(programOpening: builder.programOpening).extract(from: completions[0].text))
    XCTAssertNil(CandidateCheck(exampleShape: [40], classCount: 10).run(code).error)
  }

  func testAnUnfinishedProposalComesBackAsTheTextItReachedAndIsRejected() async throws {
    let partial = builder.programOpening + "class Model(nn.Module):\n    def __init__(self):\n        self.fc = nn.Lin"
    let proposer = ScriptedProposer([
      .success(ConstrainedProposal(code: partial, finished: false, failure: "no allowed continuation"))
    ])
    let model = ConstrainedLanguageModel(name: "scripted", opening: builder.programOpening, proposer: proposer)
    let completions = try await model.complete(CompletionRequest(prompt: prompt()))
    XCTAssertEqual(completions.count, 1)
    XCTAssertEqual(completions[0].finishReason, .length)
    XCTAssertTrue(completions[0].text.hasPrefix(partial))
    XCTAssertTrue(completions[0].text.hasSuffix("# constrained decoding stopped: no allowed continuation\n"))
    let code = try XCTUnwrap(CodeExtractor(programOpening: builder.programOpening).extract(from: completions[0].text))
    XCTAssertNotNil(CandidateCheck(exampleShape: [40], classCount: 10).run(code).error)
  }

  func testAProposerErrorBecomesThatSamplesReplyAndTheOthersGoOn() async throws {
    struct Broken: Error, CustomStringConvertible { var description: String { "context full" } }
    let proposer = ScriptedProposer([.failure(Broken()), .success(ConstrainedProposal(code: program, finished: true))])
    let model = ConstrainedLanguageModel(name: "scripted", opening: builder.programOpening, proposer: proposer)
    let completions = try await model.complete(CompletionRequest(prompt: prompt(), sampleCount: 2))
    XCTAssertEqual(completions[0].text, "# constrained decoding failed: context full\n")
    XCTAssertNil(CodeExtractor(programOpening: builder.programOpening).extract(from: completions[0].text))
    XCTAssertEqual(completions[1].text, program)
  }

  func testEachFinishedSampleIsStreamedWholeInOrder() async throws {
    let proposer = ScriptedProposer([
      .success(ConstrainedProposal(code: program, finished: true)),
      .success(ConstrainedProposal(code: "import torch\n", finished: false)),
    ])
    let model = ConstrainedLanguageModel(name: "scripted", opening: builder.programOpening, proposer: proposer)
    let log = ChunkLog()
    let completions = try await model.complete(CompletionRequest(prompt: prompt(), sampleCount: 2)) { log.append($0) }
    XCTAssertEqual(log.chunks.map(\.sampleIndex), [0, 1])
    XCTAssertEqual(log.chunks.map(\.text), completions.map(\.text))
  }

  func testTheCurrentSoftPromptIsReadForEachRequest() async throws {
    let proposer = ScriptedProposer([])
    let holder = SoftPromptHolder()
    let model = ConstrainedLanguageModel(
      name: "scripted", opening: builder.programOpening, proposer: proposer, softPrompt: { holder.softPrompt })
    _ = try await model.complete(CompletionRequest(prompt: prompt()))
    let tuned = SoftPrompt(vectors: [1, 2, 3, 4, 5, 6], width: 3)
    holder.softPrompt = tuned
    _ = try await model.complete(CompletionRequest(prompt: prompt(), sampleCount: 2))
    XCTAssertEqual(proposer.calls.map(\.softPrompt), [nil, tuned, tuned])
  }

  func testAPromptWithoutTheOpeningIsWrittenFromTheFirstLine() async throws {
    let proposer = ScriptedProposer([])
    let model = ConstrainedLanguageModel(name: "scripted", opening: builder.programOpening, proposer: proposer)
    _ = try await model.complete(CompletionRequest(prompt: "Write a model.\n"))
    XCTAssertEqual(proposer.calls.first?.opening, "")
  }

  func testConcurrentRequestsNeverOverlapOnTheModel() async throws {
    let proposer = ScriptedProposer([])
    proposer.delay = 0.02
    let model = ConstrainedLanguageModel(name: "scripted", opening: builder.programOpening, proposer: proposer)
    let request = CompletionRequest(prompt: prompt(), sampleCount: 2)
    async let first = model.complete(request)
    async let second = model.complete(request)
    let counts = try await [first.count, second.count]
    XCTAssertEqual(counts, [2, 2])
    XCTAssertEqual(proposer.calls.count, 4)
    XCTAssertFalse(proposer.overlapped)
  }

  func testACancelledRequestStopsBeforeTheNextSample() async throws {
    let proposer = ScriptedProposer([])
    proposer.delay = 0.2
    let model = ConstrainedLanguageModel(name: "scripted", opening: builder.programOpening, proposer: proposer)
    let request = CompletionRequest(prompt: prompt(), sampleCount: 50)
    let task = Task { try await model.complete(request) }
    await proposer.waitForFirstCall()
    task.cancel()
    do {
      _ = try await task.value
      XCTFail("a cancelled request must not finish its 50 samples")
    } catch is CancellationError {
      XCTAssertLessThan(proposer.calls.count, 50)
    }
  }

  /// One short proposal with the real model, when it is installed: the reply is a program (or its beginning)
  /// that the search's extractor finds.
  func testTheInstalledModelProposesThroughTheLanguageModelProtocol() async throws {
    let path = try? ModelStore().resolve("smollm2")
    try Prerequisite.require(path != nil, "the default model is not installed (evoprompting models fetch smollm2)")
    guard let path else { return }
    let embedded = try EmbeddedLanguageModel(path: path, threadCount: ProcessInfo.processInfo.activeProcessorCount)
    let model = ConstrainedLanguageModel(model: embedded, opening: builder.programOpening)
    let request = CompletionRequest(
      prompt: builder.prompt(
        parents: [SeedProgram.cnn, SeedProgram.mlp].map {
          (code: $0.source, metrics: ParentMetrics(params: $0.parameterCount, validationAccuracy: 0.9))
        }),
      parameters: SamplingParameters(temperature: 0.6, topP: 0.95, seed: 3, maxTokens: 300))
    let completions = try await model.complete(request)
    XCTAssertEqual(completions.count, 1)
    XCTAssertTrue(completions[0].text.hasPrefix(builder.programOpening), completions[0].text)
    let code = CodeExtractor(programOpening: builder.programOpening).extract(from: completions[0].text)
    if completions[0].finishReason == .stopSequence {
      XCTAssertNil(CandidateCheck(exampleShape: [40], classCount: 10).run(try XCTUnwrap(code)).error)
    }
    // Deterministic: the same request gives the same program.
    let again = try await model.complete(request)
    XCTAssertEqual(again.map(\.text), completions.map(\.text))
  }
}
