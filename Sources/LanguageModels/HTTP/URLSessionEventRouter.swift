import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The delegate of a backend's `URLSession`: turns each data task's callbacks into an asynchronous stream.
///
/// swift-corelibs-foundation (Swift 6.3) has no `URLSession.bytes(for:)`, so streaming replies are read through
/// `URLSessionDataDelegate`, which delivers body bytes as libcurl receives them, on Linux and macOS alike.
final class URLSessionEventRouter: NSObject, URLSessionDataDelegate, @unchecked Sendable {
  // Mutable state is the route table, guarded by `lock`; callbacks arrive on the session's delegate queue.
  private let lock = NSLock()
  private var routes: [Int: AsyncThrowingStream<HTTPResponseEvent, Error>.Continuation] = [:]

  /// Starts `request` on `session` and returns its events; ending the stream early cancels the task.
  func start(_ request: URLRequest, on session: URLSession) -> AsyncThrowingStream<HTTPResponseEvent, Error> {
    let (stream, continuation) = AsyncThrowingStream<HTTPResponseEvent, Error>.makeStream()
    let task = session.dataTask(with: request)
    let identifier = task.taskIdentifier
    lock.withLock { routes[identifier] = continuation }
    continuation.onTermination = { [weak self] termination in
      if case .finished = termination {} else { task.cancel() }
      self?.removeRoute(identifier)
    }
    task.resume()
    return stream
  }

  private func removeRoute(_ identifier: Int) {
    _ = lock.withLock { routes.removeValue(forKey: identifier) }
  }

  private func route(_ task: URLSessionTask) -> AsyncThrowingStream<HTTPResponseEvent, Error>.Continuation? {
    lock.withLock { routes[task.taskIdentifier] }
  }

  func urlSession(
    _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
  ) {
    if let http = response as? HTTPURLResponse {
      route(dataTask)?.yield(.head(http))
    }
    completionHandler(.allow)
  }

  func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
    route(dataTask)?.yield(.body(data))
  }

  func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
    let continuation = lock.withLock { routes.removeValue(forKey: task.taskIdentifier) }
    if let error {
      continuation?.finish(throwing: error)
    } else {
      continuation?.finish()
    }
  }
}
