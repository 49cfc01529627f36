import Foundation
import HTTPTestSupport
import LanguageModels
import XCTest

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// `URLSession.dataCancellingWithoutWaiting(for:)`: replies as `data(for:)` does, and a cancelled request ends
/// instead of deadlocking (swift-corelibs-foundation's own `data(for:)` can hang when the cancellation meets the
/// transfer's end; it did in a Ray cancellation test).
final class URLSessionCancellationTests: XCTestCase {
  private let session = URLSession(configuration: .ephemeral)

  override func tearDown() {
    session.invalidateAndCancel()
  }

  func testARequestGetsItsReply() async throws {
    let server = try ScriptedHTTPServer(replies: [.respond(status: 201, body: "made")])
    defer { server.stop() }
    let (data, response) = try await session.dataCancellingWithoutWaiting(
      for: URLRequest(url: URL(string: server.url("/thing"))!))
    XCTAssertEqual(String(decoding: data, as: UTF8.self), "made")
    XCTAssertEqual((response as? HTTPURLResponse)?.statusCode, 201)
  }

  func testCancellingARequestInFlightEndsIt() async throws {
    let server = try ScriptedHTTPServer(replies: [.hang(seconds: 10)])
    defer { server.stop() }
    let request = URLRequest(url: URL(string: server.url("/slow"))!)
    let session = self.session
    let started = Date()
    let call = Task { try await session.dataCancellingWithoutWaiting(for: request) }
    XCTAssertTrue(server.waitForRequests(1))
    call.cancel()
    do {
      _ = try await call.value
      XCTFail("a cancelled request returned a reply")
    } catch {
      XCTAssertEqual((error as? URLError)?.code, .cancelled, "\(error)")
    }
    XCTAssertLessThan(Date().timeIntervalSince(started), 5, "the cancellation ended the request, not the server")
  }

  /// Cancellation arriving before, during and after the transfer's end: every call must end.
  func testCancellingAtAnyMomentNeverHangs() async throws {
    let server = try ScriptedHTTPServer(lifetime: 120) { _, _ in .respond(status: 200, body: "ok") }
    defer { server.stop() }
    let request = URLRequest(url: URL(string: server.url("/quick"))!)
    let session = self.session
    let ended = expectation(description: "every cancelled call ended")
    Task {
      for attempt in 0..<150 {
        let call = Task { try await session.dataCancellingWithoutWaiting(for: request) }
        try? await Task.sleep(nanoseconds: UInt64(attempt % 15) * 100_000)
        call.cancel()
        _ = try? await call.value
      }
      ended.fulfill()
    }
    await fulfillment(of: [ended], timeout: 60)
  }
}
