import Foundation

extension MNIST1D {
  /// The file names of the raw form: little-endian, row-major, no header (as in the project's reference data).
  public static let rawFileNames = (
    xTrain: "mnist1d_x_train.f32", yTrain: "mnist1d_y_train.i32",
    xTest: "mnist1d_x_test.f32", yTest: "mnist1d_y_test.i32"
  )

  /// Reads the raw form: `mnist1d_x_train.f32` (float32 `[N, 40]`), `mnist1d_y_train.i32` (int32 `[N]`),
  /// and the same two for `test`, all in `directory`.
  public static func load(directory: String, sequenceLength: Int = 40) throws -> MNIST1D {
    let base = URL(fileURLWithPath: directory)
    func read(_ name: String) throws -> Data {
      let url = base.appendingPathComponent(name)
      do {
        return try Data(contentsOf: url)
      } catch {
        throw TasksError.unreadableFile(path: url.path, reason: error.localizedDescription)
      }
    }
    let xTrain = try floats(read(rawFileNames.xTrain), name: rawFileNames.xTrain)
    let yTrain = try int32s(read(rawFileNames.yTrain), name: rawFileNames.yTrain)
    let xTest = try floats(read(rawFileNames.xTest), name: rawFileNames.xTest)
    let yTest = try int32s(read(rawFileNames.yTest), name: rawFileNames.yTest)
    return try MNIST1D(sequenceLength: sequenceLength, xTrain: xTrain, yTrain: yTrain, xTest: xTest, yTest: yTest)
  }

  /// Reads a numpy `.npz` archive (from `np.savez` or `np.savez_compressed`) holding the arrays under the names of
  /// the `mnist1d` package's dataset dict (`x`, `y`, `x_test`, `y_test`) or as `x_train`, `y_train`, `x_test`, `y_test`.
  ///
  /// Inputs may be float32 or float64 and labels any integer type; the sequence length is taken from `x`'s shape.
  public static func load(npz path: String) throws -> MNIST1D {
    let archive = try ZipArchive(contentsOf: path)
    func array(_ names: [String]) throws -> NumpyArray {
      for name in names {
        if let entry = archive.entry(named: name + ".npy") {
          return try NumpyArray(npyData: archive.extract(entry), name: "\(path):\(name)")
        }
      }
      throw TasksError.missingArray(path: path, names: names)
    }
    let xTrain = try array(["x_train", "x"])
    let yTrain = try array(["y_train", "y"])
    let xTest = try array(["x_test"])
    let yTest = try array(["y_test"])
    guard xTrain.shape.count == 2, xTest.shape.count == 2, xTrain.shape[1] == xTest.shape[1] else {
      throw TasksError.invalidData(
        "inputs must be 2-D with one sequence length, got \(xTrain.shape) and \(xTest.shape)")
    }
    return try MNIST1D(
      sequenceLength: xTrain.shape[1],
      xTrain: xTrain.floatValues(), yTrain: yTrain.int32Values(name: "y_train"),
      xTest: xTest.floatValues(), yTest: yTest.int32Values(name: "y_test"))
  }

  /// Little-endian float32 values from raw bytes.
  private static func floats(_ data: Data, name: String) throws -> [Float] {
    guard data.count % 4 == 0 else { throw TasksError.malformedFile(path: name, reason: "size is not a multiple of 4") }
    return data.withUnsafeBytes { raw in
      (0..<(data.count / 4)).map {
        Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self)))
      }
    }
  }

  /// Little-endian int32 values from raw bytes.
  private static func int32s(_ data: Data, name: String) throws -> [Int32] {
    guard data.count % 4 == 0 else { throw TasksError.malformedFile(path: name, reason: "size is not a multiple of 4") }
    return data.withUnsafeBytes { raw in
      (0..<(data.count / 4)).map { Int32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: Int32.self)) }
    }
  }
}
