import Foundation

/// A dm-clrs training run recorded by `Benchmarks/clrs_reference_train.py --export`: its initial parameters, the
/// inputs of every training batch in the order it trained on them, and its validation and test sets.
/// `clrs train --replay` trains the Swift network from those parameters on those batches, so the two runs share
/// every random draw and differ only in float rounding.
///
/// Batches carry inputs only (run.py's, `pos` as trained on); the Swift algorithms recompute hints and outputs from
/// them, and every recomputed input and hint length is checked against the recording.
public struct CLRSReferenceRun: Sendable {
  /// One input array of a batch, `[B, …]`, row-major.
  public struct RecordedArray: Sendable, Decodable {
    public var shape: [Int]
    public var data: [Double]
  }

  public struct RecordedBatch: Sendable, Decodable {
    /// T as dm-clrs padded the batch's hints.
    public var hintLength: Int
    public var lengths: [Int]
    public var inputs: [String: RecordedArray]

    enum CodingKeys: String, CodingKey {
      case lengths, inputs
      case hintLength = "hint_length"
    }

    /// N, from the inputs' `[B, N, …]` shape (every algorithm has the node input `pos`).
    public var nodeCount: Int { inputs["pos"]?.shape.dropFirst().first ?? 0 }
  }

  private struct Recording: Decodable {
    var algorithm: String
    var hidden: Int
    var tripletFeatures: Int
    var batchSize: Int
    var evalEvery: Int
    var seed: UInt64
    var parameterCount: Int
    var parameters: [String: RecordedArray]
    var train: [RecordedBatch]
    var validation: RecordedBatch
    var test: RecordedBatch

    enum CodingKeys: String, CodingKey {
      case algorithm, hidden, seed, parameters, train, validation, test
      case tripletFeatures = "triplet_features"
      case batchSize = "batch_size"
      case evalEvery = "eval_every"
      case parameterCount = "parameter_count"
    }
  }

  public var path: String
  public var algorithm: CLRSAlgorithm
  public var hidden: Int
  public var tripletFeatures: Int
  public var batchSize: Int
  public var evaluationInterval: Int
  public var seed: UInt64
  /// dm-clrs's count of the network's parameters.
  public var parameterCount: Int
  /// dm-clrs's initial parameters by haiku name (`module/name`), for `CLRSNetwork.loadReferenceParameters`.
  public var parameters: [String: CLRSReferenceParameter]
  public var train: [RecordedBatch]
  public var validation: RecordedBatch
  public var test: RecordedBatch

  /// Reads the recording at `path`; a damaged or foreign file is an error naming the place.
  public init(path: String) throws {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw CLRSReferenceError(path: path, place: "file", problem: "cannot be read (\(error.localizedDescription))")
    }
    let recording: Recording
    do {
      recording = try JSONDecoder().decode(Recording.self, from: data)
    } catch let DecodingError.keyNotFound(key, context) {
      throw CLRSReferenceError(path: path, place: Self.place(context.codingPath + [key]), problem: "is missing")
    } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
      throw CLRSReferenceError(path: path, place: Self.place(context.codingPath), problem: context.debugDescription)
    } catch {
      throw CLRSReferenceError(path: path, place: "file", problem: "is not a recorded run (\(error))")
    }
    guard let algorithm = CLRSAlgorithm(name: recording.algorithm) else {
      throw CLRSReferenceError(
        path: path, place: "algorithm",
        problem: "'\(recording.algorithm)' is not one of \(CLRSAlgorithm.names.joined(separator: ", "))")
    }
    guard !recording.train.isEmpty else {
      throw CLRSReferenceError(path: path, place: "train", problem: "holds no batches")
    }
    self.path = path
    self.algorithm = algorithm
    hidden = recording.hidden
    tripletFeatures = recording.tripletFeatures
    batchSize = recording.batchSize
    evaluationInterval = recording.evalEvery
    seed = recording.seed
    parameterCount = recording.parameterCount
    parameters = recording.parameters.mapValues {
      CLRSReferenceParameter(shape: $0.shape, values: $0.data.map(Float.init))
    }
    train = recording.train
    validation = recording.validation
    test = recording.test
  }

  private static func place(_ path: [CodingKey]) -> String {
    path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(
      in: CharacterSet(charactersIn: "."))
  }

  /// `clrs train`'s settings for replaying the run: the recording's width, batch size, evaluation interval and seed,
  /// and all its steps unless `steps` asks for fewer.
  public func trainingSettings(steps: Int? = nil) throws -> CLRSTrainingSettings {
    if let steps, steps > train.count {
      throw CLRSReferenceError(path: path, place: "train", problem: "holds \(train.count) batches, not \(steps)")
    }
    var settings = CLRSTrainingSettings.preset(.proxy, algorithm: algorithm, seed: seed)
    settings.hidden = hidden
    settings.tripletFeatures = tripletFeatures
    settings.steps = steps ?? train.count
    settings.evaluationInterval = evaluationInterval
    settings.data.batchSize = batchSize
    settings.data.trainSizes = Array(Set(train.map(\.nodeCount))).sorted()
    settings.data.validationSize = validation.nodeCount
    settings.data.validationCount = validation.lengths.count
    settings.data.testSize = test.nodeCount
    settings.data.testCount = test.lengths.count
    return settings
  }

  /// The recorded training batches in order, and the validation and test sets, rebuilt by the Swift algorithms.
  /// Throws where a recomputed input or hint length differs from the recording's.
  public func data() throws -> CLRSData {
    let batches = try train.enumerated().map { index, batch in
      CLRSBatch(
        trajectories: try trajectories(of: batch, place: "train[\(index)]"), paddedHintLength: batch.hintLength)
    }
    return CLRSData(
      settings: try trainingSettings().data, train: .recorded(batches, next: 0),
      validation: try evaluationSet(validation, place: "validation"), test: try evaluationSet(test, place: "test"))
  }

  private func evaluationSet(_ batch: RecordedBatch, place: String) throws -> CLRSEvaluationSet {
    let trajectories = try trajectories(of: batch, place: place)
    return CLRSEvaluationSet(algorithm: algorithm, nodeCount: trajectories[0].nodeCount, trajectories: trajectories)
  }

  /// Each graph of `batch`: the algorithm run on its inputs, in run.py's layout, with the recorded `pos`.
  func trajectories(of batch: RecordedBatch, place: String) throws -> [CLRSTrajectory] {
    let count = batch.lengths.count
    guard count > 0 else { throw CLRSReferenceError(path: path, place: place + ".lengths", problem: "is empty") }
    return try (0..<count).map { graph in
      let graphPlace = "\(place) graph \(graph)"
      let inputs = try Self.inputs(of: batch, graph: graph, count: count, path: path, place: place)
      let input = try CLRSReferenceFile.input(of: algorithm, from: inputs, path: path, place: place + ".inputs")
      var trajectory = CLRSRunPyTransform.apply(to: try algorithm.run(on: input))
      guard trajectory.hintLength == batch.lengths[graph] else {
        throw CLRSReferenceError(
          path: path, place: graphPlace,
          problem: "runs \(trajectory.hintLength) hint steps here and \(batch.lengths[graph]) in dm-clrs")
      }
      for index in trajectory.inputs.indices {
        let name = trajectory.inputs[index].spec.name
        guard let recorded = inputs[name], recorded.values.count == trajectory.inputs[index].values.count else {
          throw CLRSReferenceError(
            path: path, place: "\(place).inputs.\(name)", problem: "is missing or has the wrong size")
        }
        let values = recorded.values.map(Float.init)
        if name == "pos" {
          trajectory.inputs[index].values = values
        } else if values != trajectory.inputs[index].values {
          throw CLRSReferenceError(
            path: path, place: "\(graphPlace) input \(name)", problem: "differs from the one the algorithm records")
        }
      }
      return trajectory
    }
  }

  /// Graph `graph`'s slice of every `[B, …]` input array of `batch`.
  private static func inputs(of batch: RecordedBatch, graph: Int, count: Int, path: String, place: String) throws
    -> [String: CLRSReferenceFile.Array]
  {
    var result: [String: CLRSReferenceFile.Array] = [:]
    for (name, array) in batch.inputs {
      guard array.shape.first == count, array.data.count == array.shape.reduce(1, *) else {
        throw CLRSReferenceError(
          path: path, place: "\(place).inputs.\(name)",
          problem: "has shape \(array.shape) and \(array.data.count) values for \(count) graphs")
      }
      let size = array.data.count / count
      result[name] = CLRSReferenceFile.Array(
        location: "", type: "", shape: Array(array.shape.dropFirst()),
        values: Array(array.data[(graph * size)..<((graph + 1) * size)]))
    }
    return result
  }
}
