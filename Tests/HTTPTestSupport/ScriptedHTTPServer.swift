import Foundation
import LanguageModels

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A small HTTP/1.1 server on 127.0.0.1 (ephemeral port) that answers each request with a scripted reply and
/// records what it received, for testing the HTTP backends without a real model server.
///
/// Every connection is served on its own thread and closed after one reply (`Connection: close`). The server
/// stops by itself after `lifetime` seconds, so a failing test cannot leave it running.
public final class ScriptedHTTPServer: @unchecked Sendable {
  /// One request as received.
  public struct ReceivedRequest: Sendable {
    public var method: String
    public var path: String
    /// Header names lowercased.
    public var headers: [String: String]
    public var body: Data
    /// The body parsed as JSON.
    public var json: JSONValue { JSONValue.parse(body) ?? .null }
  }

  /// How to answer one request.
  public enum Reply: Sendable {
    /// A complete reply after `delay` seconds.
    case respond(status: Int, headers: [String: String] = [:], body: String, delay: Double = 0)
    /// A `text/event-stream` reply written piece by piece, `interval` seconds apart.
    case events(pieces: [String], interval: Double = 0.01, contentType: String = "text/event-stream")
    /// Reads the request, then neither answers nor closes for `seconds`.
    case hang(seconds: Double)
  }

  /// The port it listens on.
  public let port: Int
  private let listener: Int32
  private let handler: @Sendable (ReceivedRequest, Int) -> Reply
  private let lock = NSLock()
  /// Broadcast after each request is recorded, for `waitForRequests`.
  private let arrival = NSCondition()
  private var received: [ReceivedRequest] = []
  private var stopped = false
  /// Signalled when the accept loop has closed the listening socket.
  private let closing = NSCondition()
  private var listenerClosed = false
  private var active = 0
  private var mostActive = 0
  private let deadline: Date

  /// Serves `replies` in order of arrival; requests beyond them get a 599 reply.
  public convenience init(replies: [Reply], lifetime: Double = 20) throws {
    try self.init(lifetime: lifetime) { _, index in
      index < replies.count ? replies[index] : .respond(status: 599, body: "no scripted reply \(index)")
    }
  }

  /// Answers request number `index` (0-based, in order of arrival) with `handler(request, index)`.
  public init(lifetime: Double = 20, handler: @escaping @Sendable (ReceivedRequest, Int) -> Reply) throws {
    self.handler = handler
    deadline = Date().addingTimeInterval(lifetime)
    #if canImport(Glibc)
      let socketType = Int32(SOCK_STREAM.rawValue)
    #else
      let socketType = SOCK_STREAM
    #endif
    let fd = socket(AF_INET, socketType, 0)
    guard fd >= 0 else { throw ServerError.system("socket") }
    var reuse: Int32 = 1
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0, listen(fd, 32) == 0 else {
      close(fd)
      throw ServerError.system("bind/listen")
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    port = Int(UInt16(bigEndian: address.sin_port))
    listener = fd
    Thread.detachNewThread { [self] in acceptLoop() }
  }

  deinit { stop() }

  /// `http://127.0.0.1:PORT` plus `path`.
  public func url(_ path: String = "") -> String { "http://127.0.0.1:\(port)\(path)" }

  /// Requests received so far, in order of arrival.
  public var requests: [ReceivedRequest] { lock.withLock { received } }

  /// Waits until `count` requests have arrived (a test's event, rather than a sleep); false after `timeout`.
  public func waitForRequests(_ count: Int, timeout: TimeInterval = 10) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    return arrival.withLock {
      while requests.count < count {
        guard arrival.wait(until: deadline) else { return requests.count >= count }
      }
      return true
    }
  }

  /// The most requests that were being served at the same time.
  public var peakConcurrency: Int { lock.withLock { mostActive } }

  /// Stops accepting; connections in progress finish or time out on their own.
  public func stop() {
    let wasRunning = lock.withLock { () -> Bool in
      defer { stopped = true }
      return !stopped
    }
    if wasRunning { shutdown(listener, Int32(SHUT_RDWR)) }
  }

  private var isStopped: Bool { lock.withLock { stopped || Date() > deadline } }

  /// Waits until the listening socket is closed after `stop()` (nothing accepts on the port any more); false
  /// after `timeout`.
  public func waitUntilClosed(timeout: TimeInterval = 10) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    return closing.withLock {
      while !listenerClosed {
        guard closing.wait(until: deadline) else { return listenerClosed }
      }
      return true
    }
  }

  private func acceptLoop() {
    defer {
      closing.withLock {
        close(listener)
        listenerClosed = true
        closing.broadcast()
      }
    }
    while !isStopped {
      var descriptor = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
      guard poll(&descriptor, 1, 50) > 0 else { continue }
      let connection = accept(listener, nil, nil)
      guard connection >= 0 else { continue }
      Thread.detachNewThread { [self] in serve(connection) }
    }
  }

  private func serve(_ connection: Int32) {
    defer { close(connection) }
    var timeout = timeval(tv_sec: 5, tv_usec: 0)
    setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    guard let request = readRequest(connection) else { return }
    let index = lock.withLock { () -> Int in
      received.append(request)
      active += 1
      mostActive = max(mostActive, active)
      return received.count - 1
    }
    arrival.withLock { arrival.broadcast() }
    defer { lock.withLock { active -= 1 } }
    switch handler(request, index) {
    case .respond(let status, let headers, let body, let delay):
      pause(delay)
      var head = "HTTP/1.1 \(status) \(Self.reason(status))\r\nConnection: close\r\n"
      var allHeaders = headers
      if allHeaders["Content-Type"] == nil { allHeaders["Content-Type"] = "application/json" }
      allHeaders["Content-Length"] = String(body.utf8.count)
      for (name, value) in allHeaders.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
      write(connection, head + "\r\n" + body)
    case .events(let pieces, let interval, let contentType):
      write(
        connection,
        "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: \(contentType)\r\nCache-Control: no-cache\r\n\r\n")
      for piece in pieces {
        pause(interval)
        guard write(connection, piece) else { return }
      }
    case .hang(let seconds):
      pause(seconds)
    }
  }

  /// Sleeps `seconds`, waking early when the server stops.
  private func pause(_ seconds: Double) {
    let end = Date().addingTimeInterval(seconds)
    while Date() < end && !isStopped { usleep(10_000) }
  }

  @discardableResult
  private func write(_ connection: Int32, _ text: String) -> Bool {
    let bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let sent = bytes[offset...].withUnsafeBytes { buffer in
        // MSG_NOSIGNAL: a client that hung up must not kill the test process with SIGPIPE.
        send(connection, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL))
      }
      guard sent > 0 else { return false }
      offset += sent
    }
    return true
  }

  private func readRequest(_ connection: Int32) -> ReceivedRequest? {
    var buffer: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    let separator: [UInt8] = Array("\r\n\r\n".utf8)
    var headerEnd: Int?
    while headerEnd == nil {
      let count = recv(connection, &chunk, chunk.count, 0)
      guard count > 0 else { return nil }
      buffer.append(contentsOf: chunk[0..<count])
      if buffer.count >= 4 {
        headerEnd = (0...(buffer.count - 4)).first { buffer[$0..<($0 + 4)].elementsEqual(separator) }
      }
      if buffer.count > 1 << 20 { return nil }
    }
    let headText = String(decoding: buffer[0..<headerEnd!], as: UTF8.self)
    var lines = headText.components(separatedBy: "\r\n")
    let requestLine = lines.removeFirst().split(separator: " ")
    guard requestLine.count >= 2 else { return nil }
    var headers: [String: String] = [:]
    for line in lines {
      guard let colon = line.firstIndex(of: ":") else { continue }
      headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    if headers["expect"]?.lowercased() == "100-continue" { write(connection, "HTTP/1.1 100 Continue\r\n\r\n") }
    let length = Int(headers["content-length"] ?? "0") ?? 0
    var body = Array(buffer[(headerEnd! + 4)...])
    while body.count < length {
      let count = recv(connection, &chunk, chunk.count, 0)
      guard count > 0 else { return nil }
      body.append(contentsOf: chunk[0..<count])
    }
    return ReceivedRequest(
      method: String(requestLine[0]), path: String(requestLine[1]), headers: headers, body: Data(body.prefix(length)))
  }

  private static func reason(_ status: Int) -> String {
    switch status {
    case 200: return "OK"
    case 401: return "Unauthorized"
    case 404: return "Not Found"
    case 429: return "Too Many Requests"
    case 500: return "Internal Server Error"
    case 503: return "Service Unavailable"
    default: return "Status"
    }
  }

  enum ServerError: Error { case system(String) }
}
