import Foundation
import Tasks
import XCTest

/// Shuffled minibatches: full coverage per epoch, determinism per seed, rows copied intact.
final class BatcherTests: XCTestCase {
  /// Ten examples of three values each; example i holds (i, i + 0.5, -i) and label i % 3.
  private let examples = LabeledExamples(
    featureCount: 3,
    inputs: (0..<10).flatMap { [Float($0), Float($0) + 0.5, -Float($0)] },
    labels: (0..<10).map { Int32($0 % 3) })

  func testEachEpochVisitsEveryExampleOnceWhenBatchesDivideEvenly() {
    var batcher = Batcher(examples: examples, batchSize: 5, seed: 3)
    for epoch in 1...4 {
      let first = batcher.next()
      let second = batcher.next()
      XCTAssertEqual(batcher.epoch, epoch)
      XCTAssertEqual(Set(first.indices + second.indices), Set(0..<10))
    }
    XCTAssertEqual(batcher.batchesDrawn, 8)
  }

  func testBatchesCarryTheRowsAndLabelsOfTheirIndices() {
    var batcher = Batcher(examples: examples, batchSize: 4, seed: 11)
    for _ in 0..<6 {
      let batch = batcher.next()
      XCTAssertEqual(batch.count, 4)
      XCTAssertEqual(batch.inputs.count, 12)
      for (row, index) in batch.indices.enumerated() {
        XCTAssertEqual(Array(batch.inputs[(row * 3)..<(row * 3 + 3)]), Array(examples.example(index)))
        XCTAssertEqual(batch.labels[row], Int32(index % 3))
      }
    }
  }

  func testDroppingOrKeepingTheShortLastBatch() {
    var dropping = Batcher(examples: examples, batchSize: 4, seed: 5)
    XCTAssertEqual((0..<6).map { _ in dropping.next().count }, [4, 4, 4, 4, 4, 4])
    XCTAssertEqual(dropping.epoch, 3)
    var keeping = Batcher(examples: examples, batchSize: 4, seed: 5, dropsLastPartialBatch: false)
    XCTAssertEqual((0..<6).map { _ in keeping.next().count }, [4, 4, 2, 4, 4, 2])
  }

  func testSameSeedSameOrderDifferentSeedDifferentOrder() {
    var a = Batcher(examples: examples, batchSize: 5, seed: 42)
    var b = Batcher(examples: examples, batchSize: 5, seed: 42)
    var c = Batcher(examples: examples, batchSize: 5, seed: 43)
    let first = (0..<6).flatMap { _ in a.next().indices }
    XCTAssertEqual(first, (0..<6).flatMap { _ in b.next().indices })
    XCTAssertNotEqual(first, (0..<6).flatMap { _ in c.next().indices })
    // Epochs are reshuffled, not repeated.
    XCTAssertNotEqual(Array(first[0..<10]), Array(first[10..<20]))
  }

  func testSequentialBatchesCoverTheSetInOrder() {
    let batches = Batcher.sequentialBatches(of: examples, batchSize: 4)
    XCTAssertEqual(batches.map(\.count), [4, 4, 2])
    XCTAssertEqual(batches.flatMap(\.inputs), examples.inputs)
    XCTAssertEqual(batches.flatMap(\.labels), examples.labels)
  }
}
