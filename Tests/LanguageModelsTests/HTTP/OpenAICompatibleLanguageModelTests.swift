import Foundation
import HTTPTestSupport
import LanguageModels
import XCTest

final class OpenAICompatibleLanguageModelTests: XCTestCase {
  /// Retries fast enough for tests.
  private let quickOptions = HTTPTransportOptions(
    requestTimeout: 5, retryPolicy: RetryPolicy(maxAttempts: 3, initialDelay: 0.01, maxDelay: 0.05))

  private func chatReply(_ texts: [String], finishes: [String]) -> String {
    let choices = zip(texts, finishes).enumerated().map { index, pair in
      #"{"index":\#(index),"message":{"role":"assistant","content":\#(ServerSentEventText.quoted(pair.0))},"finish_reason":"\#(pair.1)"}"#
    }
    return
      #"{"id":"x","object":"chat.completion","choices":[\#(choices.joined(separator: ","))],"usage":{"prompt_tokens":11,"completion_tokens":7}}"#
  }

  func testChatRequestCarriesParametersAndMapsChoices() async throws {
    let server = try ScriptedHTTPServer(replies: [
      .respond(status: 200, body: chatReply(["def f(x):", "class Net:"], finishes: ["stop", "length"]))
    ])
    defer { server.stop() }
    let model = try OpenAICompatibleLanguageModel(
      baseURL: server.url(), model: "qwen2.5-coder", apiKey: APIKey("sk-test-123456789"),
      systemMessage: "You write PyTorch.", streams: false, transportOptions: quickOptions)
    let parameters = SamplingParameters(temperature: 0.7, seed: 42, maxTokens: 128, stopSequences: ["\n\n\n", "```"])
    let completions = try await model.complete(
      CompletionRequest(prompt: "Write a net.", sampleCount: 2, parameters: parameters))

    XCTAssertEqual(completions.map(\.text), ["def f(x):", "class Net:"])
    XCTAssertEqual(completions.map(\.finishReason), [.endOfSequence, .length])
    XCTAssertEqual(completions[0].promptTokenCount, 11)
    let requests = server.requests
    XCTAssertEqual(requests.count, 1)
    XCTAssertEqual(requests[0].method, "POST")
    XCTAssertEqual(requests[0].path, "/v1/chat/completions")
    XCTAssertEqual(requests[0].headers["authorization"], "Bearer sk-test-123456789")
    let body = requests[0].json
    XCTAssertEqual(body["model"], .string("qwen2.5-coder"))
    XCTAssertEqual(body["n"], .integer(2))
    XCTAssertEqual(body["max_tokens"], .integer(128))
    XCTAssertEqual(body["temperature"], .number(0.7))
    XCTAssertEqual(body["seed"], .integer(42))
    XCTAssertEqual(body["stop"], .array([.string("\n\n\n"), .string("```")]))
    XCTAssertNil(body["stream"])
    XCTAssertEqual(
      body["messages"],
      .array([
        .object(["role": .string("system"), "content": .string("You write PyTorch.")]),
        .object(["role": .string("user"), "content": .string("Write a net.")]),
      ]))
  }

  func testChatStreamingFeedsChunksPerSample() async throws {
    let pieces = [
      ServerSentEventText.data(
        #"{"choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}"#),
      ServerSentEventText.chatDelta(0, "import "),
      ServerSentEventText.chatDelta(1, "x = "),
      ServerSentEventText.chatDelta(0, "torch"),
      ServerSentEventText.chatDelta(1, "1 ✓"),
      ServerSentEventText.chatDelta(0, "", finish: "stop"),
      ServerSentEventText.chatDelta(1, "", finish: "length"),
      "data: [DONE]\n\n",
    ]
    let server = try ScriptedHTTPServer(replies: [.events(pieces: pieces)])
    defer { server.stop() }
    let model = try OpenAICompatibleLanguageModel(
      baseURL: server.url("/v1/"), model: "m", transportOptions: quickOptions)
    let collector = ChunkCollector()
    let completions = try await model.complete(
      CompletionRequest(prompt: "p", sampleCount: 2), onChunk: collector.onChunk)

    XCTAssertEqual(completions.map(\.text), ["import torch", "x = 1 ✓"])
    XCTAssertEqual(completions.map(\.finishReason), [.endOfSequence, .length])
    XCTAssertEqual(collector.text(ofSample: 0), "import torch")
    XCTAssertEqual(collector.text(ofSample: 1), "x = 1 ✓")
    XCTAssertEqual(collector.count(ofSample: 0), 2)
    XCTAssertEqual(server.requests[0].path, "/v1/chat/completions")
    XCTAssertEqual(server.requests[0].json["stream"], .bool(true))
    XCTAssertNil(server.requests[0].headers["authorization"])
  }

  func testServerReturningFewerChoicesGetsFollowUpRequests() async throws {
    // Like Ollama: `n` is ignored and every reply has one choice.
    let server = try ScriptedHTTPServer { _, index in
      .respond(
        status: 200, body: #"{"choices":[{"index":0,"message":{"content":"sample \#(index)"},"finish_reason":"stop"}]}"#
      )
    }
    defer { server.stop() }
    let model = try OpenAICompatibleLanguageModel(
      baseURL: server.url("/v1"), model: "m", streams: false, transportOptions: quickOptions)
    let collector = ChunkCollector()
    let completions = try await model.complete(
      CompletionRequest(prompt: "p", sampleCount: 3, parameters: SamplingParameters(seed: 7)),
      onChunk: collector.onChunk)

    XCTAssertEqual(completions.count, 3)
    XCTAssertEqual(completions[0].text, "sample 0")
    XCTAssertEqual(Set(completions.map(\.text)), ["sample 0", "sample 1", "sample 2"])
    for sample in 0..<3 { XCTAssertEqual(collector.text(ofSample: sample), completions[sample].text) }
    let requests = server.requests
    XCTAssertEqual(requests.count, 3)
    XCTAssertEqual(requests[0].json["n"], .integer(3))
    XCTAssertNil(requests[1].json["n"])
    XCTAssertNil(requests[2].json["n"])
    XCTAssertEqual(Set(requests.compactMap { $0.json["seed"]?.intValue }), [7, 8, 9])
  }

  func testTextCompletionsEndpointStreams() async throws {
    let pieces = [
      ServerSentEventText.textPiece(0, "    return "),
      ServerSentEventText.textPiece(0, "x\n", finish: "stop"),
      "data: [DONE]\n\n",
    ]
    let server = try ScriptedHTTPServer(replies: [.events(pieces: pieces)])
    defer { server.stop() }
    let model = try OpenAICompatibleLanguageModel(
      baseURL: server.url(), model: "base-model", endpointStyle: .completions, systemMessage: "ignored",
      sendsSeed: false, transportOptions: quickOptions)
    let collector = ChunkCollector()
    let parameters = SamplingParameters(temperature: 0, topP: 0.9, maxTokens: 64, stopSequences: ["\ndef "])
    let completions = try await model.complete(
      CompletionRequest(prompt: "def f(x):\n", parameters: parameters), onChunk: collector.onChunk)

    XCTAssertEqual(completions.map(\.text), ["    return x\n"])
    XCTAssertEqual(collector.text(ofSample: 0), "    return x\n")
    let request = server.requests[0]
    XCTAssertEqual(request.path, "/v1/completions")
    XCTAssertEqual(request.json["prompt"], .string("def f(x):\n"))
    XCTAssertNil(request.json["messages"])
    XCTAssertNil(request.json["seed"])
    XCTAssertNil(request.json["n"])
    XCTAssertEqual(request.json["temperature"], .integer(0))
    XCTAssertEqual(request.json["top_p"], .number(0.9))
    XCTAssertEqual(request.json["stop"], .array([.string("\ndef ")]))
    XCTAssertEqual(request.json["max_tokens"], .integer(64))
  }

  func testStreamingRequestAnsweredWithPlainJSONFallsBack() async throws {
    let server = try ScriptedHTTPServer(replies: [
      .respond(status: 200, body: chatReply(["whole text"], finishes: ["length"]))
    ])
    defer { server.stop() }
    let model = try OpenAICompatibleLanguageModel(baseURL: server.url(), model: "m", transportOptions: quickOptions)
    let collector = ChunkCollector()
    let completions = try await model.complete(CompletionRequest(prompt: "p"), onChunk: collector.onChunk)

    XCTAssertEqual(completions.map(\.text), ["whole text"])
    XCTAssertEqual(completions[0].finishReason, .length)
    XCTAssertEqual(collector.all, [CompletionChunk(sampleIndex: 0, text: "whole text")])
  }

  func testRateLimitIsRetriedAfterRetryAfter() async throws {
    let server = try ScriptedHTTPServer(replies: [
      .respond(status: 429, headers: ["Retry-After": "1"], body: #"{"error":{"message":"slow down"}}"#),
      .respond(status: 200, body: chatReply(["ok"], finishes: ["stop"])),
    ])
    defer { server.stop() }
    let model = try OpenAICompatibleLanguageModel(
      baseURL: server.url(), model: "m", streams: false, transportOptions: quickOptions)
    let started = Date()
    let completions = try await model.complete(CompletionRequest(prompt: "p"))
    let elapsed = Date().timeIntervalSince(started)

    XCTAssertEqual(completions.map(\.text), ["ok"])
    XCTAssertEqual(server.requests.count, 2)
    // The computed backoff is at most 0.05 s; waiting about a second means Retry-After was honoured.
    XCTAssertGreaterThan(elapsed, 0.9)
    XCTAssertLessThan(elapsed, 5)
  }

  func testServerErrorIsRetried() async throws {
    let server = try ScriptedHTTPServer(replies: [
      .respond(status: 500, body: "upstream exploded"),
      .respond(status: 503, body: ""),
      .respond(status: 200, body: chatReply(["third time"], finishes: ["stop"])),
    ])
    defer { server.stop() }
    let model = try OpenAICompatibleLanguageModel(
      baseURL: server.url(), model: "m", streams: false, transportOptions: quickOptions)
    let completions = try await model.complete(CompletionRequest(prompt: "p"))
    XCTAssertEqual(completions.map(\.text), ["third time"])
    XCTAssertEqual(server.requests.count, 3)
  }

  func testPersistentServerErrorStopsAfterMaxAttempts() async throws {
    let server = try ScriptedHTTPServer { _, _ in .respond(status: 502, body: #"{"error":{"message":"bad gateway"}}"#) }
    defer { server.stop() }
    let model = try OpenAICompatibleLanguageModel(
      baseURL: server.url(), model: "m", streams: false, transportOptions: quickOptions)
    do {
      _ = try await model.complete(CompletionRequest(prompt: "p"))
      XCTFail("expected an error")
    } catch let error as HTTPBackendError {
      XCTAssertEqual(error, .serverError(status: 502, attempts: 3, serverMessage: "bad gateway"))
      XCTAssertTrue(error.description.contains("HTTP 502"), error.description)
    }
    XCTAssertEqual(server.requests.count, 3)
  }

  func testAuthenticationFailureIsClearAndNeverShowsTheKey() async throws {
    let secret = "sk-proj-SECRETkey0123456789"
    let server = try ScriptedHTTPServer(replies: [
      .respond(
        status: 401,
        body:
          #"{"error":{"message":"Incorrect API key provided: \#(secret). Bearer \#(secret)","type":"invalid_request_error"}}"#
      )
    ])
    defer { server.stop() }
    let key = try APIKey.requiredFromEnvironment("MY_LLM_KEY", environment: ["MY_LLM_KEY": " \(secret)\n"])
    let model = try OpenAICompatibleLanguageModel(
      baseURL: server.url(), model: "m", apiKey: key, streams: false, transportOptions: quickOptions)
    do {
      _ = try await model.complete(CompletionRequest(prompt: "p"))
      XCTFail("expected an error")
    } catch {
      let description = String(describing: error)
      XCTAssertTrue(description.hasPrefix("authentication failed (HTTP 401): check MY_LLM_KEY"), description)
      XCTAssertTrue(description.contains("Incorrect API key provided"), description)
      XCTAssertFalse(description.contains(secret), description)
      XCTAssertFalse(description.contains("SECRETkey"), description)
      XCTAssertFalse(error.localizedDescription.contains(secret))
      XCTAssertFalse(String(reflecting: error).contains(secret))
    }
    XCTAssertEqual(server.requests.count, 1, "authentication errors are not retried")
    XCTAssertEqual(server.requests[0].headers["authorization"], "Bearer \(secret)")
    // Nor does the backend or its key print the secret.
    XCTAssertFalse(String(describing: model.apiKey as Any).contains(secret))
    var dumped = ""
    dump(model.apiKey, to: &dumped)
    XCTAssertFalse(dumped.contains(secret), dumped)
    XCTAssertFalse(String(reflecting: key).contains(secret))
  }

  func testNotFoundNamesBaseURLAndModel() async throws {
    let server = try ScriptedHTTPServer(replies: [
      .respond(status: 404, body: #"{"error":{"message":"model 'nope' not found"}}"#)
    ])
    defer { server.stop() }
    let model = try OpenAICompatibleLanguageModel(
      baseURL: server.url(), model: "nope", streams: false, transportOptions: quickOptions)
    do {
      _ = try await model.complete(CompletionRequest(prompt: "p"))
      XCTFail("expected an error")
    } catch let error as HTTPBackendError {
      XCTAssertEqual(
        error.description,
        "model or endpoint not found: \(server.url())/v1/chat/completions with model 'nope' (HTTP 404), "
          + "check --base-url and --model; server said: model 'nope' not found")
    }
    XCTAssertEqual(server.requests.count, 1)
  }

  func testMalformedReplyQuotesTheBody() async throws {
    let server = try ScriptedHTTPServer { _, _ in .respond(status: 200, body: #"{"choices": [ {"index": 0, "mess"#) }
    defer { server.stop() }
    let model = try OpenAICompatibleLanguageModel(
      baseURL: server.url(), model: "m", streams: false, transportOptions: quickOptions)
    do {
      _ = try await model.complete(CompletionRequest(prompt: "p"))
      XCTFail("expected an error")
    } catch let error as HTTPBackendError {
      guard case .malformedReply(let reason, let excerpt) = error else { return XCTFail("\(error)") }
      XCTAssertEqual(reason, "the reply is not JSON")
      XCTAssertEqual(excerpt, #"{"choices": [ {"index": 0, "mess"#)
    }
    XCTAssertEqual(server.requests.count, 3, "a malformed reply is retried like a server error")
  }

  func testReplyWithoutChoicesIsMalformed() async throws {
    let server = try ScriptedHTTPServer { _, _ in .respond(status: 200, body: #"{"object":"list","data":[]}"#) }
    defer { server.stop() }
    let model = try OpenAICompatibleLanguageModel(
      baseURL: server.url(), model: "m", streams: false, transportOptions: quickOptions)
    do {
      _ = try await model.complete(CompletionRequest(prompt: "p"))
      XCTFail("expected an error")
    } catch let error as HTTPBackendError {
      XCTAssertTrue(
        error.description.hasPrefix("malformed reply: the reply has no \"choices\" array"), error.description)
      XCTAssertTrue(error.description.contains(#""object":"list""#), error.description)
    }
  }

  func testSlowReplyTimesOut() async throws {
    let server = try ScriptedHTTPServer { _, _ in .hang(seconds: 10) }
    defer { server.stop() }
    let options = HTTPTransportOptions(
      requestTimeout: 0.4, retryPolicy: RetryPolicy(maxAttempts: 2, initialDelay: 0.01, maxDelay: 0.02))
    let model = try OpenAICompatibleLanguageModel(baseURL: server.url(), model: "m", transportOptions: options)
    let started = Date()
    do {
      _ = try await model.complete(CompletionRequest(prompt: "p"))
      XCTFail("expected an error")
    } catch let error as HTTPBackendError {
      XCTAssertEqual(error, .timedOut(seconds: 0.4, attempts: 2))
      XCTAssertEqual(error.description, "no reply within 0.4 s on all 2 attempts: is the server overloaded?")
    }
    let elapsed = Date().timeIntervalSince(started)
    XCTAssertGreaterThan(elapsed, 0.75)
    XCTAssertLessThan(elapsed, 3)
    XCTAssertEqual(server.requests.count, 2)
  }

  func testStreamThatStallsMidwayIsInterruptedNotRetried() async throws {
    let pieces = [ServerSentEventText.chatDelta(0, "partial ")]
    let server = try ScriptedHTTPServer(replies: [.events(pieces: pieces), .events(pieces: pieces)])
    defer { server.stop() }
    let model = try OpenAICompatibleLanguageModel(baseURL: server.url(), model: "m", transportOptions: quickOptions)
    let collector = ChunkCollector()
    do {
      _ = try await model.complete(CompletionRequest(prompt: "p"), onChunk: collector.onChunk)
      XCTFail("expected an error")
    } catch let error as HTTPBackendError {
      guard case .streamInterrupted = error else { return XCTFail("\(error)") }
    }
    XCTAssertEqual(collector.text(ofSample: 0), "partial ")
    XCTAssertEqual(server.requests.count, 1)
  }

  func testUnreachableServerIsAConnectionError() async throws {
    // Bind a port, then free it, so nothing listens there.
    let server = try ScriptedHTTPServer(replies: [])
    let url = server.url()
    server.stop()
    XCTAssertTrue(server.waitUntilClosed())
    let options = HTTPTransportOptions(
      requestTimeout: 2, retryPolicy: RetryPolicy(maxAttempts: 2, initialDelay: 0.01, maxDelay: 0.02))
    let model = try OpenAICompatibleLanguageModel(baseURL: url, model: "m", transportOptions: options)
    do {
      _ = try await model.complete(CompletionRequest(prompt: "p"))
      XCTFail("expected an error")
    } catch let error as HTTPBackendError {
      guard case .connectionFailed(_, let attempts, _) = error else { return XCTFail("\(error)") }
      XCTAssertEqual(attempts, 2)
      XCTAssertTrue(error.description.hasPrefix("cannot reach \(url)/v1/chat/completions"), error.description)
    }
  }

  func testConcurrencyLimitBoundsRequestsInFlight() async throws {
    let server = try ScriptedHTTPServer { _, index in
      .respond(
        status: 200, body: #"{"choices":[{"index":0,"message":{"content":"s\#(index)"},"finish_reason":"stop"}]}"#,
        delay: 0.15)
    }
    defer { server.stop() }
    let options = HTTPTransportOptions(requestTimeout: 5, retryPolicy: .none, maxConcurrentRequests: 2)
    let model = try OpenAICompatibleLanguageModel(
      baseURL: server.url(), model: "m", streams: false, transportOptions: options)
    // Two concurrent callers, each wanting 4 samples from a server that returns one per request.
    async let first = model.complete(CompletionRequest(prompt: "a", sampleCount: 4))
    async let second = model.complete(CompletionRequest(prompt: "b", sampleCount: 4))
    let (a, b) = try await (first, second)
    XCTAssertEqual(a.count + b.count, 8)
    XCTAssertEqual(server.requests.count, 8)
    XCTAssertEqual(server.peakConcurrency, 2)
  }

  func testErrorEventOrEarlyCloseBeforeAnyOutputIsRetried() async throws {
    let server = try ScriptedHTTPServer(replies: [
      .events(pieces: [ServerSentEventText.data(#"{"error":{"message":"engine restarting"}}"#)]),
      .events(pieces: [ServerSentEventText.data(#"{"choices":[{"index":0,"delta":{"role":"assistant"}}]}"#)]),
      .events(pieces: [ServerSentEventText.chatDelta(0, "done", finish: "stop"), "data: [DONE]\n\n"]),
    ])
    defer { server.stop() }
    let model = try OpenAICompatibleLanguageModel(baseURL: server.url(), model: "m", transportOptions: quickOptions)
    let collector = ChunkCollector()
    let completions = try await model.complete(CompletionRequest(prompt: "p"), onChunk: collector.onChunk)
    XCTAssertEqual(completions.map(\.text), ["done"])
    XCTAssertEqual(collector.text(ofSample: 0), "done")
    XCTAssertEqual(server.requests.count, 3)
  }

  func testPersistentErrorEventReportsServerMessageAndAttempts() async throws {
    let server = try ScriptedHTTPServer { _, _ in
      .events(pieces: [ServerSentEventText.data(#"{"error":{"message":"KV cache full"}}"#)])
    }
    defer { server.stop() }
    let model = try OpenAICompatibleLanguageModel(baseURL: server.url(), model: "m", transportOptions: quickOptions)
    do {
      _ = try await model.complete(CompletionRequest(prompt: "p"))
      XCTFail("expected an error")
    } catch let error as HTTPBackendError {
      XCTAssertEqual(error, .errorInReply(serverMessage: "KV cache full"))
    }
    XCTAssertEqual(server.requests.count, 3)
  }

  func testCancellationStopsAWaitingRequestPromptly() async throws {
    let server = try ScriptedHTTPServer { _, _ in .hang(seconds: 10) }
    defer { server.stop() }
    let model = try OpenAICompatibleLanguageModel(baseURL: server.url(), model: "m", transportOptions: quickOptions)
    let started = Date()
    let task = Task { try await model.complete(CompletionRequest(prompt: "p")) }
    XCTAssertTrue(server.waitForRequests(1), "the request reaches the server")
    task.cancel()
    do {
      _ = try await task.value
      XCTFail("expected cancellation")
    } catch is CancellationError {}
    XCTAssertLessThan(Date().timeIntervalSince(started), 2)
    XCTAssertEqual(server.requests.count, 1)
  }

  func testStreamCutToDoneWithoutTextIsMalformedWithAHint() async throws {
    // What llama-cpp-python's server sends to a stream it interrupts for a newer request.
    let pieces = [
      ServerSentEventText.data(#"{"choices":[{"index":0,"delta":{"role":"assistant"},"finish_reason":null}]}"#),
      "data: [DONE]\n\n",
    ]
    let server = try ScriptedHTTPServer { _, _ in .events(pieces: pieces) }
    defer { server.stop() }
    let model = try OpenAICompatibleLanguageModel(baseURL: server.url(), model: "m", transportOptions: quickOptions)
    do {
      _ = try await model.complete(CompletionRequest(prompt: "p"))
      XCTFail("expected an error")
    } catch let error as HTTPBackendError {
      XCTAssertTrue(error.description.contains("concurrency limit of 1"), error.description)
    }
    XCTAssertEqual(server.requests.count, 3, "nothing was shown yet, so it is retried like a server error")
  }

  func testChunksArriveWhileTheReplyIsStillBeingWritten() async throws {
    let pieces = [
      ServerSentEventText.chatDelta(0, "one "),
      ServerSentEventText.chatDelta(0, "two "),
      ServerSentEventText.chatDelta(0, "three", finish: "stop"),
      "data: [DONE]\n\n",
    ]
    let server = try ScriptedHTTPServer(replies: [.events(pieces: pieces, interval: 0.25)])
    defer { server.stop() }
    let model = try OpenAICompatibleLanguageModel(baseURL: server.url(), model: "m", transportOptions: quickOptions)
    let collector = ChunkCollector()
    _ = try await model.complete(CompletionRequest(prompt: "p"), onChunk: collector.onChunk)
    let times = collector.arrivalTimes
    XCTAssertEqual(times.count, 3)
    // Delivered as written (0.25 s apart), not all at once when the reply ends.
    XCTAssertGreaterThan(times[2].timeIntervalSince(times[0]), 0.35)
  }

  func testBaseURLNormalisation() throws {
    XCTAssertEqual(
      try OpenAICompatibleLanguageModel.apiRoot(from: "http://127.0.0.1:8080").absoluteString,
      "http://127.0.0.1:8080/v1")
    XCTAssertEqual(
      try OpenAICompatibleLanguageModel.apiRoot(from: "http://127.0.0.1:8080/").absoluteString,
      "http://127.0.0.1:8080/v1")
    XCTAssertEqual(
      try OpenAICompatibleLanguageModel.apiRoot(from: "http://127.0.0.1:8080/v1/").absoluteString,
      "http://127.0.0.1:8080/v1")
    XCTAssertEqual(
      try OpenAICompatibleLanguageModel.apiRoot(from: "https://openrouter.ai/api/v1").absoluteString,
      "https://openrouter.ai/api/v1")
    XCTAssertThrowsError(try OpenAICompatibleLanguageModel.apiRoot(from: "localhost:8080")) { error in
      XCTAssertEqual(error as? HTTPBackendError, .invalidBaseURL("localhost:8080"))
    }
    let model = try OpenAICompatibleLanguageModel(
      baseURL: "http://127.0.0.1:11434", model: "llama3", endpointStyle: .completions)
    XCTAssertEqual(model.endpointURL.absoluteString, "http://127.0.0.1:11434/v1/completions")
    XCTAssertEqual(model.name, "llama3 (OpenAI-compatible, 127.0.0.1:11434)")
  }
}
