import Foundation
import LanguageModels
import XCTest

final class ReplayLanguageModelTests: XCTestCase {
  private let recordings = [
    ReplayLanguageModel.Recording(
      completions: [
        Completion(text: "class A:\n    pass\n", finishReason: .endOfSequence),
        Completion(text: "x = 1", finishReason: .length),
      ],
      prompt: "first"),
    ReplayLanguageModel.Recording(completions: [Completion(text: "only", finishReason: .stopSequence)]),
  ]

  func testPlaysRecordingsInOrderAndStreamsTheirText() async throws {
    let model = ReplayLanguageModel(recordings: recordings)
    let collector = ChunkCollector()
    let first = try await model.complete(
      CompletionRequest(prompt: "anything", sampleCount: 2), onChunk: collector.onChunk)
    XCTAssertEqual(first, recordings[0].completions)
    XCTAssertEqual(collector.all.map(\.text), ["class A:\n", "    pass\n", "x = 1"])
    XCTAssertEqual(collector.all.map(\.sampleIndex), [0, 0, 1])
    let remaining = await model.remaining
    XCTAssertEqual(remaining, 1)
    let second = try await model.complete(CompletionRequest(prompt: "p"))
    XCTAssertEqual(second, recordings[1].completions)
    XCTAssertEqual(model.name, "replay")
  }

  func testExhaustedRecordingIsAnError() async throws {
    let model = ReplayLanguageModel(recordings: Array(recordings.prefix(1)))
    _ = try await model.complete(CompletionRequest(prompt: "p", sampleCount: 2))
    do {
      _ = try await model.complete(CompletionRequest(prompt: "p", sampleCount: 2))
      XCTFail("expected an error")
    } catch let error as ReplayLanguageModel.ReplayError {
      XCTAssertEqual(error, .exhausted(recorded: 1))
      XCTAssertEqual(error.description, "replay exhausted: all 1 recorded reply has been played")
    }
  }

  func testSampleCountMismatchIsAnErrorAndDoesNotAdvance() async throws {
    let model = ReplayLanguageModel(recordings: recordings)
    do {
      _ = try await model.complete(CompletionRequest(prompt: "p", sampleCount: 3))
      XCTFail("expected an error")
    } catch let error as ReplayLanguageModel.ReplayError {
      XCTAssertEqual(error, .sampleCountMismatch(request: 0, requested: 3, recorded: 2))
      XCTAssertEqual(error.description, "replay diverged at request 1: it asks for 3 samples, the recording has 2")
    }
    let retried = try await model.complete(CompletionRequest(prompt: "p", sampleCount: 2))
    XCTAssertEqual(retried.count, 2)
  }

  func testPromptVerificationWhenAsked() async throws {
    let strict = ReplayLanguageModel(recordings: recordings, verifiesPrompts: true, name: "replay of run 7")
    XCTAssertEqual(strict.name, "replay of run 7")
    do {
      _ = try await strict.complete(CompletionRequest(prompt: "other", sampleCount: 2))
      XCTFail("expected an error")
    } catch let error as ReplayLanguageModel.ReplayError {
      XCTAssertEqual(error, .promptMismatch(request: 0))
    }
    _ = try await strict.complete(CompletionRequest(prompt: "first", sampleCount: 2))
    // The second recording has no prompt, so any prompt is accepted.
    _ = try await strict.complete(CompletionRequest(prompt: "whatever"))
  }

  func testStreamThroughTheProtocolExtension() async throws {
    let model: any LanguageModel = ReplayLanguageModel(recordings: recordings)
    var text = ""
    for try await chunk in model.stream(CompletionRequest(prompt: "p", sampleCount: 2)) where chunk.sampleIndex == 0 {
      text += chunk.text
    }
    XCTAssertEqual(text, "class A:\n    pass\n")
  }
}
