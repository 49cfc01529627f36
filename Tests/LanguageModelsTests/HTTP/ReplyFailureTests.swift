import Foundation
import HTTPTestSupport
import LanguageModels
import Synchronization
import XCTest

/// Replies a search must survive: malformed ones and empty choice lists are retried like server errors, a huge
/// body is called too large, retries are announced to the caller and stop when it stops, and credentials in a
/// base URL never reach a session's record.
final class ReplyFailureTests: XCTestCase {
  private let quickOptions = HTTPTransportOptions(
    requestTimeout: 10, retryPolicy: RetryPolicy(maxAttempts: 3, initialDelay: 0.01, maxDelay: 0.05))

  private static let goodReply =
    #"{"id":"x","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}]}"#

  func testMalformedAndEmptyRepliesAreRetriedAndAnnounced() async throws {
    let server = try ScriptedHTTPServer(replies: [
      .respond(status: 200, body: #"{"choices": [ {"index": 0, "mess"#),
      .respond(status: 200, body: #"{"id":"x","choices":[]}"#),
      .respond(status: 200, body: Self.goodReply),
    ])
    defer { server.stop() }
    let model = try OpenAICompatibleLanguageModel(
      baseURL: server.url(), model: "m", streams: false, transportOptions: quickOptions)
    let notices = Mutex<[RetryControl.Notice]>([])
    let control = RetryControl { notice in notices.withLock { $0.append(notice) } }
    let completions = try await RetryControl.$current.withValue(control) {
      try await model.complete(CompletionRequest(prompt: "p"))
    }
    XCTAssertEqual(completions.map(\.text), ["ok"])
    XCTAssertEqual(server.requests.count, 3)
    let seen = notices.withLock { $0 }
    XCTAssertEqual(seen.map(\.failedAttempt), [1, 2])
    XCTAssertEqual(seen.map(\.maxAttempts), [3, 3])
    XCTAssertTrue(seen[0].reason.contains("not JSON"), seen[0].reason)
    XCTAssertTrue(seen[1].reason.contains("no choices"), seen[1].reason)
  }

  func testAHugeReplyIsTooLargeNotMalformed() async throws {
    let huge = #"{"choices":[{"index":0,"message":{"content":""# + String(repeating: "x", count: 50 << 20) + #""}}]}"#
    let server = try ScriptedHTTPServer { _, _ in .respond(status: 200, body: huge) }
    defer { server.stop() }
    let model = try OpenAICompatibleLanguageModel(
      baseURL: server.url(), model: "m", streams: false,
      transportOptions: HTTPTransportOptions(requestTimeout: 30, retryPolicy: .none))
    do {
      _ = try await model.complete(CompletionRequest(prompt: "p"))
      XCTFail("a 50 MB reply was read")
    } catch let error as HTTPBackendError {
      XCTAssertEqual(error, .replyTooLarge(limitBytes: 16 << 20))
      XCTAssertTrue(error.description.contains("larger than 16 MB"), error.description)
      XCTAssertTrue(error.isReplyFailure)
    }
  }

  func testAStopCancelsTheWaitForARetryAndStartsNoNewAttempt() async throws {
    // The server fails and asks for a 300 s pause: without a stop, the next attempt would come at +300 s.
    let server = try ScriptedHTTPServer(lifetime: 60) { _, _ in
      .respond(status: 503, headers: ["Retry-After": "300"], body: #"{"error":{"message":"overloaded"}}"#)
    }
    defer { server.stop() }
    let options = HTTPTransportOptions(requestTimeout: 10, retryPolicy: RetryPolicy(maxAttempts: 3, maxRetryAfter: 300))
    let model = try OpenAICompatibleLanguageModel(
      baseURL: server.url(), model: "m", streams: false, transportOptions: options)
    // The announced retry is the event to stop on: the first attempt has failed and the wait has begun.
    let (notices, announced) = AsyncStream<Void>.makeStream()
    let control = RetryControl { notice in
      XCTAssertEqual(notice.delaySeconds, 300)
      announced.yield()
    }
    let started = Date()
    let request = Task {
      try await RetryControl.$current.withValue(control) { try await model.complete(CompletionRequest(prompt: "p")) }
    }
    // A request that ends without announcing a retry ends the wait too (the assertions below then fail).
    Task {
      _ = try? await request.value
      announced.finish()
    }
    var noticeIterator = notices.makeAsyncIterator()
    _ = await noticeIterator.next()
    control.stop()
    do {
      _ = try await request.value
      XCTFail("the request went on")
    } catch let error as HTTPBackendError {
      guard case .stopped(let last) = error else { return XCTFail("\(error)") }
      XCTAssertTrue(last.contains("HTTP 503"), last)
    }
    XCTAssertLessThan(Date().timeIntervalSince(started), 10)
    XCTAssertEqual(server.requests.count, 1, "no attempt after the stop")
  }

  func testCredentialsInABaseURLAreRemovedFromWhatIsRecorded() {
    let recorded = URLCredentials.redacted([
      "backend": "openai", "base_url": "http://alice:S3cret@127.0.0.1:8080/v1", "model": "m",
    ])
    XCTAssertEqual(recorded["base_url"], "http://127.0.0.1:8080/v1")
    XCTAssertEqual(recorded["base_url_credentials"], "removed")
    XCTAssertFalse(recorded.values.contains { $0.contains("S3cret") || $0.contains("alice") })
    XCTAssertEqual(
      URLCredentials.redacted(["base_url": "http://127.0.0.1:8080/v1"]), ["base_url": "http://127.0.0.1:8080/v1"])
    XCTAssertEqual(
      URLCredentials.removed(from: "https://token@api.example.com/v1?x=1"), "https://api.example.com/v1?x=1")
  }
}
