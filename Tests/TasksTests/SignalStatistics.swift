/// Summary statistics of a set of signals, used to compare a generated MNIST-1D with the package's.
struct SignalStatistics {
  let mean: Double
  let std: Double
  let min: Float
  let max: Float
  /// The 1% and 99% quantiles of all values.
  let lowQuantile: Float
  let highQuantile: Float
  /// The fraction of values with magnitude above 3.
  let tailFraction: Double
  /// The correlation between neighbouring samples of the same example: how smooth the signals are.
  let neighbourCorrelation: Double

  init(_ values: [Float], sequenceLength: Int) {
    let count = Double(values.count)
    mean = values.reduce(0.0) { $0 + Double($1) } / count
    let mean = self.mean
    std = (values.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / count).squareRoot()
    let sorted = values.sorted()
    min = sorted.first!
    max = sorted.last!
    lowQuantile = sorted[Int(0.01 * count)]
    highQuantile = sorted[Int(0.99 * count)]
    tailFraction = Double(values.filter { abs($0) > 3 }.count) / count

    var left = [Double]()
    var right = [Double]()
    for row in 0..<(values.count / sequenceLength) {
      for column in 0..<(sequenceLength - 1) {
        left.append(Double(values[row * sequenceLength + column]))
        right.append(Double(values[row * sequenceLength + column + 1]))
      }
    }
    neighbourCorrelation = Self.correlation(left, right)
  }

  /// The mean signal of each class, `[classCount][sequenceLength]`.
  static func classProfiles(_ values: [Float], labels: [Int32], sequenceLength: Int, classCount: Int) -> [[Double]] {
    var sums = [[Double]](repeating: [Double](repeating: 0, count: sequenceLength), count: classCount)
    var counts = [Double](repeating: 0, count: classCount)
    for (row, label) in labels.enumerated() {
      counts[Int(label)] += 1
      for column in 0..<sequenceLength {
        sums[Int(label)][column] += Double(values[row * sequenceLength + column])
      }
    }
    return sums.enumerated().map { label, sum in sum.map { $0 / counts[label] } }
  }

  private static func correlation(_ a: [Double], _ b: [Double]) -> Double {
    let n = Double(a.count)
    let meanA = a.reduce(0, +) / n
    let meanB = b.reduce(0, +) / n
    var covariance = 0.0
    var varianceA = 0.0
    var varianceB = 0.0
    for index in a.indices {
      covariance += (a[index] - meanA) * (b[index] - meanB)
      varianceA += (a[index] - meanA) * (a[index] - meanA)
      varianceB += (b[index] - meanB) * (b[index] - meanB)
    }
    return covariance / (varianceA * varianceB).squareRoot()
  }
}
