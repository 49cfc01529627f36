import EvoTensor

/// An endless stream of shuffled minibatches: each epoch visits every example once, in a fresh seeded order.
///
/// With `dropsLastPartialBatch` (the default) every batch has exactly `batchSize` examples and the few examples left
/// at the end of an epoch wait for the next epoch's order; otherwise the last batch of an epoch is shorter.
/// The stream is a pure function of the examples, batch size and seed.
public struct Batcher: Sendable {
  /// The examples batches are drawn from.
  public let examples: LabeledExamples
  /// Examples per batch.
  public let batchSize: Int
  /// Whether a short final batch of an epoch is skipped.
  public let dropsLastPartialBatch: Bool
  /// Epochs begun so far (1 once the first batch is drawn).
  public private(set) var epoch = 0
  /// Batches drawn so far.
  public private(set) var batchesDrawn = 0

  private var random: RandomSource
  private var order: [Int] = []
  private var cursor = 0

  /// Creates a stream over `examples`; `batchSize` is clamped to the number of examples.
  public init(examples: LabeledExamples, batchSize: Int, seed: UInt64, dropsLastPartialBatch: Bool = true) {
    precondition(examples.count > 0 && batchSize > 0, "a batcher needs examples and a positive batch size")
    self.examples = examples
    self.batchSize = min(batchSize, examples.count)
    self.dropsLastPartialBatch = dropsLastPartialBatch
    self.random = RandomSource(seed: seed)
  }

  /// The next batch, starting a newly shuffled epoch when the current one is used up.
  public mutating func next() -> MiniBatch {
    let remaining = order.count - cursor
    if remaining == 0 || (dropsLastPartialBatch && remaining < batchSize) {
      startEpoch()
    }
    let take = min(batchSize, order.count - cursor)
    let indices = Array(order[cursor..<(cursor + take)])
    cursor += take
    batchesDrawn += 1
    return Self.gather(indices, from: examples)
  }

  /// The examples in their stored order, cut into batches of at most `batchSize` (for evaluation).
  public static func sequentialBatches(of examples: LabeledExamples, batchSize: Int) -> [MiniBatch] {
    precondition(batchSize > 0, "batch size must be positive")
    return stride(from: 0, to: examples.count, by: batchSize).map { start in
      gather(Array(start..<min(start + batchSize, examples.count)), from: examples)
    }
  }

  /// Shuffles all indices (Fisher-Yates) for a new epoch.
  private mutating func startEpoch() {
    order = Array(0..<examples.count)
    for index in stride(from: order.count - 1, to: 0, by: -1) {
      order.swapAt(index, random.nextInt(below: index + 1))
    }
    cursor = 0
    epoch += 1
  }

  /// Copies the rows at `indices` into one contiguous batch.
  private static func gather(_ indices: [Int], from examples: LabeledExamples) -> MiniBatch {
    let width = examples.featureCount
    var inputs = [Float](repeating: 0, count: indices.count * width)
    var labels = [Int32](repeating: 0, count: indices.count)
    examples.inputs.withUnsafeBufferPointer { source in
      examples.labels.withUnsafeBufferPointer { sourceLabels in
        inputs.withUnsafeMutableBufferPointer { target in
          for (row, index) in indices.enumerated() {
            let from = source.baseAddress! + index * width
            (target.baseAddress! + row * width).update(from: from, count: width)
            labels[row] = sourceLabels[index]
          }
        }
      }
    }
    return MiniBatch(featureCount: width, inputs: inputs, labels: labels, indices: indices)
  }
}
