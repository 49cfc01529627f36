import Foundation

/// The states after the last few prompts an embedded model processed, so that every further sample of one of them
/// starts from a copy instead of processing the prompt again. Least recently used entries go first; thread-safe.
final class PromptCache: @unchecked Sendable {
  /// What identifies a prompt: its tokens and the soft prompt read before them.
  struct Key: Equatable {
    let tokens: [Int]
    let softPrompt: [Float]
  }

  /// Most entries kept (each ~14 MB for a 1,100-token prompt of Qwen2.5-Coder-0.5B).
  let capacity: Int
  private var entries: [(key: Key, state: PromptState)] = []
  private let lock = NSLock()

  init(capacity: Int) {
    self.capacity = capacity
  }

  /// The state stored for `key`, which becomes the most recently used.
  func state(for key: Key) -> PromptState? {
    lock.withLock {
      guard let index = entries.firstIndex(where: { $0.key == key }) else { return nil }
      let entry = entries.remove(at: index)
      entries.append(entry)
      return entry.state
    }
  }

  /// Stores `state` for `key`, evicting the least recently used entry when full.
  func store(_ state: PromptState, for key: Key) {
    guard capacity > 0 else { return }
    lock.withLock {
      entries.removeAll { $0.key == key }
      if entries.count >= capacity { entries.removeFirst() }
      entries.append((key, state))
    }
  }
}
