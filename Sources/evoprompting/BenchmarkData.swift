import Tasks

/// The MNIST-1D data a benchmark trains on: the reference arrays when a folder is given, else generated.
enum BenchmarkData {
  static func load(directory: String?) throws -> MNIST1D {
    if let directory { return try MNIST1D.load(directory: directory) }
    return MNIST1D.generate()
  }
}
