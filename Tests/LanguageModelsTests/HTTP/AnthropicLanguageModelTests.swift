import Foundation
import HTTPTestSupport
import LanguageModels
import XCTest

final class AnthropicLanguageModelTests: XCTestCase {
  private let quickOptions = HTTPTransportOptions(
    requestTimeout: 5, retryPolicy: RetryPolicy(maxAttempts: 3, initialDelay: 0.01, maxDelay: 0.05))
  private let key = APIKey("sk-ant-api03-TESTSECRET000", environmentVariable: "ANTHROPIC_API_KEY")

  private static func message(_ text: String, stopReason: String) -> String {
    #"{"id":"msg_1","type":"message","role":"assistant","model":"claude-x","content":[{"type":"text","text":\#(ServerSentEventText.quoted(text))}],"stop_reason":"\#(stopReason)","stop_sequence":null,"usage":{"input_tokens":21,"output_tokens":5}}"#
  }

  private func streamedMessage(_ pieces: [String], stopReason: String) -> [String] {
    var events = [
      ServerSentEventText.event(
        "message_start",
        #"{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"usage":{"input_tokens":13,"output_tokens":1}}}"#
      ),
      ServerSentEventText.event(
        "content_block_start", #"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#),
      ServerSentEventText.event("ping", #"{"type":"ping"}"#),
    ]
    for piece in pieces {
      events.append(
        ServerSentEventText.event(
          "content_block_delta",
          #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":\#(ServerSentEventText.quoted(piece))}}"#
        ))
    }
    events.append(ServerSentEventText.event("content_block_stop", #"{"type":"content_block_stop","index":0}"#))
    events.append(
      ServerSentEventText.event(
        "message_delta",
        #"{"type":"message_delta","delta":{"stop_reason":"\#(stopReason)","stop_sequence":null},"usage":{"output_tokens":9}}"#
      ))
    events.append(ServerSentEventText.event("message_stop", #"{"type":"message_stop"}"#))
    return events
  }

  func testPlainRequestsOnePerSampleWithHeadersAndBody() async throws {
    let server = try ScriptedHTTPServer { _, index in
      .respond(status: 200, body: Self.message("reply \(index)", stopReason: index == 0 ? "end_turn" : "max_tokens"))
    }
    defer { server.stop() }
    let model = try AnthropicLanguageModel(
      model: "claude-test", apiKey: key, baseURL: server.url("/v1/"), systemMessage: "Be terse.", streams: false,
      transportOptions: quickOptions)
    let parameters = SamplingParameters(temperature: 1.5, maxTokens: 300, stopSequences: ["</code>"])
    let completions = try await model.complete(
      CompletionRequest(prompt: "Mutate this net.", sampleCount: 2, parameters: parameters))

    XCTAssertEqual(completions.count, 2)
    XCTAssertEqual(Set(completions.map(\.text)), ["reply 0", "reply 1"])
    XCTAssertEqual(completions[0].promptTokenCount, 21)
    let requests = server.requests
    XCTAssertEqual(requests.count, 2)
    for request in requests {
      XCTAssertEqual(request.path, "/v1/messages")
      XCTAssertEqual(request.headers["x-api-key"], key.secret)
      XCTAssertEqual(request.headers["anthropic-version"], "2023-06-01")
      XCTAssertEqual(request.headers["content-type"], "application/json")
      XCTAssertNil(request.headers["authorization"])
      let body = request.json
      XCTAssertEqual(body["model"], .string("claude-test"))
      XCTAssertEqual(body["max_tokens"], .integer(300))
      XCTAssertEqual(body["temperature"], .integer(1), "clamped to the API's range")
      XCTAssertEqual(body["system"], .string("Be terse."))
      XCTAssertEqual(body["stop_sequences"], .array([.string("</code>")]))
      XCTAssertEqual(
        body["messages"], .array([.object(["role": .string("user"), "content": .string("Mutate this net.")])]))
      XCTAssertNil(body["n"])
      XCTAssertNil(body["stream"])
    }
    // The two requests run concurrently, so which sample got which reply depends on timing; the pairing of text
    // and finish reason does not.
    let reasons = Dictionary(uniqueKeysWithValues: completions.map { ($0.text, $0.finishReason) })
    XCTAssertEqual(reasons, ["reply 0": .endOfSequence, "reply 1": .length])
  }

  func testStreamingFeedsTextDeltas() async throws {
    let server = try ScriptedHTTPServer(replies: [
      .events(pieces: streamedMessage(["class ", "Net", "(nn.Module):"], stopReason: "stop_sequence"))
    ])
    defer { server.stop() }
    let model = try AnthropicLanguageModel(
      model: "claude-test", apiKey: key, baseURL: server.url(), transportOptions: quickOptions)
    let collector = ChunkCollector()
    let completions = try await model.complete(
      CompletionRequest(prompt: "p", parameters: SamplingParameters(temperature: 0.5, stopSequences: ["\n\n"])),
      onChunk: collector.onChunk)

    XCTAssertEqual(completions.map(\.text), ["class Net(nn.Module):"])
    XCTAssertEqual(completions[0].finishReason, .stopSequence)
    XCTAssertEqual(completions[0].promptTokenCount, 13)
    XCTAssertNotNil(completions[0].tokensPerSecond)
    XCTAssertEqual(collector.all.map(\.text), ["class ", "Net", "(nn.Module):"])
    XCTAssertEqual(server.requests[0].path, "/v1/messages")
    XCTAssertEqual(server.requests[0].json["stream"], .bool(true))
    XCTAssertEqual(server.requests[0].json["temperature"], .number(0.5))
  }

  func testOverloadedEventBeforeOutputIsRetried() async throws {
    let overloaded = [
      ServerSentEventText.event(
        "error", #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#)
    ]
    let server = try ScriptedHTTPServer(replies: [
      .events(pieces: overloaded),
      .events(pieces: streamedMessage(["fine"], stopReason: "end_turn")),
    ])
    defer { server.stop() }
    let model = try AnthropicLanguageModel(
      model: "claude-test", apiKey: key, baseURL: server.url(), transportOptions: quickOptions)
    let collector = ChunkCollector()
    let completions = try await model.complete(CompletionRequest(prompt: "p"), onChunk: collector.onChunk)
    XCTAssertEqual(completions.map(\.text), ["fine"])
    XCTAssertEqual(completions[0].finishReason, .endOfSequence)
    XCTAssertEqual(collector.text(ofSample: 0), "fine")
    XCTAssertEqual(server.requests.count, 2)
  }

  func testAuthenticationErrorNamesTheVariableAndHidesTheKey() async throws {
    let server = try ScriptedHTTPServer(replies: [
      .respond(
        status: 401,
        body: #"{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key \#(key.secret)"}}"#)
    ])
    defer { server.stop() }
    let model = try AnthropicLanguageModel(
      model: "claude-test", apiKey: key, baseURL: server.url(), transportOptions: quickOptions)
    do {
      _ = try await model.complete(CompletionRequest(prompt: "p"))
      XCTFail("expected an error")
    } catch {
      let description = String(describing: error)
      XCTAssertTrue(description.hasPrefix("authentication failed (HTTP 401): check ANTHROPIC_API_KEY"), description)
      XCTAssertFalse(description.contains(key.secret), description)
      XCTAssertFalse(description.contains("TESTSECRET"), description)
    }
    XCTAssertEqual(server.requests.count, 1)
  }

  func testBaseURLWithOrWithoutVersion() throws {
    for base in ["https://api.anthropic.com", "https://api.anthropic.com/", "https://api.anthropic.com/v1"] {
      let model = try AnthropicLanguageModel(model: "m", apiKey: key, baseURL: base)
      XCTAssertEqual(model.endpointURL.absoluteString, "https://api.anthropic.com/v1/messages")
    }
    XCTAssertEqual(try AnthropicLanguageModel(model: "claude-x", apiKey: key).name, "claude-x (Anthropic)")
  }
}
