import Foundation
import LanguageModels
import XCTest

/// Runs the OpenAI-compatible backend against a real server when one is named in the environment:
/// `EVOPROMPTING_LIVE_OPENAI_BASE_URL` (e.g. `http://127.0.0.1:8080`), `EVOPROMPTING_LIVE_OPENAI_MODEL`, and
/// optionally `EVOPROMPTING_LIVE_OPENAI_KEY_ENV`, the name of the variable holding its key. Skipped otherwise.
final class LiveOpenAIServerTests: XCTestCase {
  private struct LiveServer {
    var baseURL: String
    var model: String
    var key: APIKey?
  }

  private func liveServer() throws -> LiveServer {
    let environment = ProcessInfo.processInfo.environment
    guard let baseURL = environment["EVOPROMPTING_LIVE_OPENAI_BASE_URL"],
      let model = environment["EVOPROMPTING_LIVE_OPENAI_MODEL"]
    else { throw XCTSkip("set EVOPROMPTING_LIVE_OPENAI_BASE_URL and EVOPROMPTING_LIVE_OPENAI_MODEL to run") }
    let key = environment["EVOPROMPTING_LIVE_OPENAI_KEY_ENV"].flatMap { APIKey.fromEnvironment($0) }
    return LiveServer(baseURL: baseURL, model: model, key: key)
  }

  func testStreamedChatSamples() async throws {
    let server = try liveServer()
    let model = try OpenAICompatibleLanguageModel(
      baseURL: server.baseURL, model: server.model, apiKey: server.key,
      transportOptions: HTTPTransportOptions(requestTimeout: 60))
    let collector = ChunkCollector()
    let request = CompletionRequest(
      prompt: "Write one line of Python that defines a variable.", sampleCount: 3,
      parameters: SamplingParameters(temperature: 0.8, seed: 3, maxTokens: 16))
    let completions = try await model.complete(request, onChunk: collector.onChunk)
    XCTAssertEqual(completions.count, 3)
    for (sample, completion) in completions.enumerated() {
      XCTAssertFalse(completion.text.isEmpty)
      XCTAssertEqual(collector.text(ofSample: sample), completion.text)
      XCTAssertGreaterThan(collector.count(ofSample: sample), 1, "streamed in pieces")
      print("live chat sample \(sample) [\(completion.finishReason)]: \(completion.text.debugDescription)")
    }
  }

  func testTextCompletionWithStopSequence() async throws {
    let server = try liveServer()
    let model = try OpenAICompatibleLanguageModel(
      baseURL: server.baseURL, model: server.model, apiKey: server.key, endpointStyle: .completions, streams: false,
      transportOptions: HTTPTransportOptions(requestTimeout: 60))
    let request = CompletionRequest(
      prompt: "def add(a, b):\n", parameters: SamplingParameters(temperature: 0, maxTokens: 24, stopSequences: ["\n\n"])
    )
    let completions = try await model.complete(request)
    XCTAssertEqual(completions.count, 1)
    XCTAssertFalse(completions[0].text.contains("\n\n"))
    print("live text completion [\(completions[0].finishReason)]: \(completions[0].text.debugDescription)")
  }

  func testWrongKeyIsAnAuthenticationError() async throws {
    let server = try liveServer()
    guard server.key != nil else { throw XCTSkip("the live server takes no key") }
    let wrong = APIKey("sk-wrong-key-0000000000", environmentVariable: "EVOPROMPTING_LIVE_OPENAI_KEY_ENV")
    let model = try OpenAICompatibleLanguageModel(
      baseURL: server.baseURL, model: server.model, apiKey: wrong,
      transportOptions: HTTPTransportOptions(requestTimeout: 30))
    do {
      _ = try await model.complete(CompletionRequest(prompt: "hi", parameters: SamplingParameters(maxTokens: 4)))
      XCTFail("expected an authentication error")
    } catch {
      let description = String(describing: error)
      XCTAssertTrue(description.hasPrefix("authentication failed"), description)
      XCTAssertFalse(description.contains(wrong.secret), description)
      print("live wrong key: \(description)")
    }
  }
}
