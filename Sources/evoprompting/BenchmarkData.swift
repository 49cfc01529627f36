import ArgumentParser
import EvoTensor
import Foundation

/// The MNIST-1D train and test sets for benchmarks.
enum BenchmarkData {
  static func load(directory: String?) throws -> (train: LabeledSamples, test: LabeledSamples) {
    guard let directory else { throw ValidationError("pass --data DIR until the generator lands") }
    func floats(_ name: String) throws -> [Float] {
      let bytes = try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent(name))
      return bytes.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }
    func ints(_ name: String) throws -> [Int] {
      let bytes = try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent(name))
      return bytes.withUnsafeBytes { $0.bindMemory(to: Int32.self).map { Int($0) } }
    }
    return (
      LabeledSamples(features: try floats("mnist1d_x_train.f32"), labels: try ints("mnist1d_y_train.i32"), width: 40),
      LabeledSamples(features: try floats("mnist1d_x_test.f32"), labels: try ints("mnist1d_y_test.i32"), width: 40)
    )
  }
}
