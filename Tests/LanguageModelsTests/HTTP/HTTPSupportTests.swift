import Foundation
import LanguageModels
import XCTest

final class HTTPSupportTests: XCTestCase {
  func testEventParserHandlesAnySplitLineEndingsAndComments() {
    let body = Array(
      ": keep-alive\r\nevent: delta\r\ndata: {\"a\":\r\ndata: \"é✓\"}\r\n\r\ndata: second\n\nid: 3\rdata: third\r\r"
        .utf8)
    let expected = [
      ServerSentEvent(event: "delta", data: "{\"a\":\n\"é✓\"}"),
      ServerSentEvent(data: "second"),
      ServerSentEvent(data: "third"),
    ]
    // Every split point, including ones inside a CRLF pair and inside a multi-byte character.
    for split in 0...body.count {
      var parser = ServerSentEventParser()
      var events = parser.feed(body[0..<split])
      events += parser.feed(body[split...])
      events += parser.finish()
      XCTAssertEqual(events, expected, "split at \(split)")
    }
    var byteByByte = ServerSentEventParser()
    var events: [ServerSentEvent] = []
    for byte in body { events += byteByByte.feed([byte]) }
    XCTAssertEqual(events + byteByByte.finish(), expected)
  }

  func testEventParserDispatchesUnterminatedLastEvent() {
    var parser = ServerSentEventParser()
    XCTAssertEqual(parser.feed(Array("data:no space\ndata: [DONE]".utf8)), [])
    XCTAssertEqual(parser.finish(), [ServerSentEvent(data: "no space\n[DONE]")])
  }

  func testRetryDelaysGrowWithJitterAndHonourRetryAfter() {
    let policy = RetryPolicy(
      maxAttempts: 5, initialDelay: 0.5, multiplier: 2, maxDelay: 3, jitter: 0.5, maxRetryAfter: 10)
    for _ in 0..<100 {
      XCTAssertTrue((0.25...0.5).contains(policy.delay(afterAttempt: 1, retryAfter: nil)))
      XCTAssertTrue((0.5...1).contains(policy.delay(afterAttempt: 2, retryAfter: nil)))
      XCTAssertTrue((1.5...3).contains(policy.delay(afterAttempt: 4, retryAfter: nil)), "capped at maxDelay")
    }
    XCTAssertEqual(policy.delay(afterAttempt: 1, retryAfter: 7), 7)
    XCTAssertEqual(policy.delay(afterAttempt: 1, retryAfter: 120), 10, "capped at maxRetryAfter")
    XCTAssertEqual(RetryPolicy.retryAfterSeconds("3"), 3)
    XCTAssertEqual(RetryPolicy.retryAfterSeconds(" 0.25 "), 0.25)
    XCTAssertNil(RetryPolicy.retryAfterSeconds("soon"))
    XCTAssertNil(RetryPolicy.retryAfterSeconds(nil))
    let now = Date(timeIntervalSince1970: 1_445_412_480)  // Wed, 21 Oct 2015 07:28:00 GMT
    XCTAssertEqual(RetryPolicy.retryAfterSeconds("Wed, 21 Oct 2015 07:28:30 GMT", now: now), 30)
    XCTAssertEqual(RetryPolicy.none.maxAttempts, 1)
  }

  func testAPIKeyNeverPrintsItself() {
    let key = APIKey("sk-live-abcdef123456", environmentVariable: "OPENAI_API_KEY")
    XCTAssertEqual("\(key)", "[redacted]")
    XCTAssertFalse(String(reflecting: key).contains("abcdef"))
    var dumped = ""
    dump(key, to: &dumped)
    XCTAssertFalse(dumped.contains("abcdef"), dumped)
    XCTAssertEqual(key.redact("bad key sk-live-abcdef123456!"), "bad key [redacted]!")
    XCTAssertEqual(
      APIKey.redact("key sk-abc***********wxyz and Bearer tok_12345678", secrets: []), "key [redacted] and [redacted]")
  }

  func testAPIKeyFromEnvironment() {
    let environment = ["OPENAI_API_KEY": "  sk-1234567\n", "EMPTY": "  "]
    XCTAssertEqual(APIKey.fromEnvironment("OPENAI_API_KEY", environment: environment)?.secret, "sk-1234567")
    XCTAssertEqual(
      APIKey.fromEnvironment("OPENAI_API_KEY", environment: environment)?.environmentVariable, "OPENAI_API_KEY")
    XCTAssertNil(APIKey.fromEnvironment("EMPTY", environment: environment))
    XCTAssertNil(APIKey.fromEnvironment("UNSET", environment: environment))
    XCTAssertThrowsError(try APIKey.requiredFromEnvironment("UNSET", environment: environment)) { error in
      XCTAssertEqual("\(error)", "no API key: set the environment variable UNSET")
    }
  }

  func testConcurrencyLimiterHoldsAtMostLimit() async throws {
    let limiter = ConcurrencyLimiter(limit: 3)
    let gauge = PeakGauge()
    try await withThrowingTaskGroup(of: Void.self) { group in
      for _ in 0..<12 {
        group.addTask {
          try await limiter.withSlot {
            gauge.enter()
            try await Task.sleep(nanoseconds: 20_000_000)
            gauge.leave()
          }
        }
      }
      try await group.waitForAll()
    }
    XCTAssertEqual(gauge.peak, 3)
    let inFlight = await limiter.inFlight
    XCTAssertEqual(inFlight, 0)
  }

  func testCancelledWaiterLeavesTheLimiter() async throws {
    let limiter = ConcurrencyLimiter(limit: 1)
    try await limiter.acquire()
    let waiter = Task { try await limiter.acquire() }
    try await Task.sleep(nanoseconds: 20_000_000)
    waiter.cancel()
    do {
      try await waiter.value
      XCTFail("a cancelled waiter must not get the slot")
    } catch is CancellationError {}
    await limiter.release()
    try await limiter.acquire()  // the slot is free again, not handed to the cancelled waiter
    let inFlight = await limiter.inFlight
    XCTAssertEqual(inFlight, 1)
  }

  func testJSONValueRoundTripsAndWritesShortFloats() throws {
    let value = JSONValue.object([
      "t": .float(0.7), "seed": .integer(Int(Int64.max)), "s": .string("a/b"), "n": .null, "b": .bool(true),
      "list": .array([.number(1.5)]),
    ])
    let text = String(decoding: value.encoded(), as: UTF8.self)
    XCTAssertTrue(text.contains(#""t":0.7"#), text)
    XCTAssertTrue(text.contains(#""seed":9223372036854775807"#), text)
    XCTAssertEqual(JSONValue.parse(value.encoded()), value)
    XCTAssertNil(JSONValue.parse(Data("{oops".utf8)))
  }
}
