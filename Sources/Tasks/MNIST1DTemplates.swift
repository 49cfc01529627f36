/// The ten hand-drawn digit templates of MNIST-1D, whitened as the `mnist1d` package does.
public enum MNIST1DTemplates {
  /// The raw templates from `mnist1d.data.get_templates()`, one row of 12 values per digit.
  public static let raw: [[Double]] = [
    [5, 6, 6.5, 6.75, 7, 7, 7, 7, 6.75, 6.5, 6, 5],
    [5, 3, 3, 3.4, 3.8, 4.2, 4.6, 5, 5.4, 5.8, 5, 5],
    [5, 6, 6.5, 6.5, 6, 5.25, 4.75, 4, 3.5, 3.5, 4, 5],
    [5, 6, 6.5, 6.5, 6, 5, 5, 6, 6.5, 6.5, 6, 5],
    [5, 4.4, 3.8, 3.2, 2.6, 2.6, 5, 5, 5, 5, 5, 5],
    [5, 3, 3, 3, 3, 5, 6, 6.5, 6.5, 6, 4.5, 5],
    [5, 4, 3.5, 3.25, 3, 3, 3, 3, 3.25, 3.5, 4, 5],
    [5, 7, 7, 6.6, 6.2, 5.8, 5.4, 5, 4.6, 4.2, 5, 5],
    [5, 4, 3.5, 3.5, 4, 5, 5, 4, 3.5, 3.5, 4, 5],
    [5, 4, 3.5, 3.5, 4, 5, 5, 5, 5, 4.7, 4.3, 5],
  ]

  /// Each template centred, scaled to unit (population) standard deviation, shifted to start at zero, and divided by 6.
  ///
  /// Starting and ending at zero matters: after padding, the zeros that remain mark where noise goes.
  public static let whitened: [[Double]] = raw.map { row in
    let count = Double(row.count)
    let mean = row.reduce(0, +) / count
    let centred = row.map { $0 - mean }
    let std = (centred.reduce(0) { $0 + $1 * $1 } / count).squareRoot()
    let scaled = centred.map { $0 / std }
    let first = scaled[0]
    return scaled.map { ($0 - first) / 6 }
  }
}
