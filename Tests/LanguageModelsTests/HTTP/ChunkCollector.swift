import Foundation
import LanguageModels

/// Collects streamed chunks from any thread, for comparing them with the final completions.
final class ChunkCollector: @unchecked Sendable {
  // `chunks` is guarded by `lock`; backends call `onChunk` from URLSession's delegate queue.
  private let lock = NSLock()
  private var chunks: [CompletionChunk] = []
  private var arrivals: [Date] = []

  /// The callback to pass as `onChunk`.
  var onChunk: @Sendable (CompletionChunk) -> Void {
    { [self] chunk in
      lock.withLock {
        chunks.append(chunk)
        arrivals.append(Date())
      }
    }
  }

  var all: [CompletionChunk] { lock.withLock { chunks } }

  /// When each chunk arrived.
  var arrivalTimes: [Date] { lock.withLock { arrivals } }

  /// The concatenated text of sample `index`.
  func text(ofSample index: Int) -> String {
    all.filter { $0.sampleIndex == index }.map(\.text).joined()
  }

  /// How many chunks sample `index` received.
  func count(ofSample index: Int) -> Int { all.filter { $0.sampleIndex == index }.count }
}
