import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A reply whose head has arrived and whose body is read piece by piece, within one attempt.
final class HTTPResponseStream {
  let response: HTTPURLResponse
  private var events: AsyncThrowingStream<HTTPResponseEvent, Error>.AsyncIterator

  init(response: HTTPURLResponse, events: AsyncThrowingStream<HTTPResponseEvent, Error>.AsyncIterator) {
    self.response = response
    self.events = events
  }

  var statusCode: Int { response.statusCode }

  /// The value of header `name` (case-insensitive).
  func header(_ name: String) -> String? {
    response.value(forHTTPHeaderField: name)
  }

  /// The next piece of the body, `nil` at its end.
  func nextChunk() async throws -> Data? {
    while let event = try await events.next() {
      if case .body(let data) = event { return data }
    }
    // A stream that ended because the attempt was cancelled (timeout) is not a complete body.
    try Task.checkCancellation()
    return nil
  }

  /// The most bytes a reply's body may have: far more than any completion (thousands of tokens) takes.
  static let replyLimit = 16 << 20

  /// The rest of the body, at most `limit` bytes (the remainder is drained unread only up to the limit).
  func readAll(limit: Int = HTTPResponseStream.replyLimit) async throws -> Data {
    var body = Data()
    while let chunk = try await nextChunk() {
      body.append(chunk)
      if body.count >= limit { break }
    }
    return body
  }

  /// The rest of the body, which with the `alreadyRead` bytes before it must fit in `replyLimit`
  /// (`replyTooLarge` otherwise: a cut reply would only be called "not JSON").
  func readWhole(alreadyRead: Int = 0) async throws -> Data {
    var body = Data()
    while let chunk = try await nextChunk() {
      body.append(chunk)
      if alreadyRead + body.count > Self.replyLimit {
        throw HTTPBackendError.replyTooLarge(limitBytes: Self.replyLimit)
      }
    }
    return body
  }
}
