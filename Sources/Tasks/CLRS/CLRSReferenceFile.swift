import Foundation

/// A reference file of CLRS trajectories made by dm-clrs's samplers (the format of `shared/reference/clrs/`,
/// written by `scripts/make_clrs_reference.py`): per split, instances with their inputs, hints and outputs.
public struct CLRSReferenceFile: Sendable {
  /// One array of a reference instance, flattened row-major.
  public struct Array: Sendable {
    public var location: String
    public var type: String
    public var shape: [Int]
    public var values: [Double]
  }

  public struct Instance: Sendable {
    public var split: String
    public var index: Int
    public var hintLength: Int
    public var inputs: [String: Array]
    public var hints: [String: Array]
    public var outputs: [String: Array]
    /// run.py's views (`derived_run_py`): permutation pointers, `pred` as an input.
    public var runPyViews: [String: Array]
  }

  public var path: String
  public var algorithm: CLRSAlgorithm
  /// In split-name order, then instance order.
  public var instances: [Instance]

  /// Reads the file at `path`; a damaged or foreign file is an error naming the place.
  public init(path: String) throws {
    self.path = path
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw CLRSReferenceError(path: path, place: "file", problem: "cannot be read (\(error.localizedDescription))")
    }
    guard let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
      throw CLRSReferenceError(path: path, place: "file", problem: "is not a JSON object")
    }
    guard let name = root["algorithm"] as? String else {
      throw CLRSReferenceError(path: path, place: "algorithm", problem: "is missing")
    }
    guard let algorithm = CLRSAlgorithm(name: name) else {
      throw CLRSReferenceError(
        path: path, place: "algorithm",
        problem: "'\(name)' is not one of \(CLRSAlgorithm.names.joined(separator: ", "))")
    }
    guard let splits = root["splits"] as? [String: Any], !splits.isEmpty else {
      throw CLRSReferenceError(path: path, place: "splits", problem: "is missing or empty")
    }
    self.algorithm = algorithm
    var instances: [Instance] = []
    for split in splits.keys.sorted() {
      guard let body = splits[split] as? [String: Any], let list = body["instances"] as? [[String: Any]] else {
        throw CLRSReferenceError(path: path, place: "splits.\(split).instances", problem: "is missing")
      }
      for (position, object) in list.enumerated() {
        instances.append(try Self.instance(object, split: split, position: position, path: path))
      }
    }
    self.instances = instances
  }

  private static func instance(_ object: [String: Any], split: String, position: Int, path: String) throws -> Instance {
    let place = "splits.\(split).instances[\(position)]"
    guard let length = object["hint_length_T"] as? Int else {
      throw CLRSReferenceError(path: path, place: place + ".hint_length_T", problem: "is missing")
    }
    func arrays(_ key: String, required: Bool = true) throws -> [String: Array] {
      guard let group = object[key] as? [String: Any] else {
        if required { throw CLRSReferenceError(path: path, place: "\(place).\(key)", problem: "is missing") }
        return [:]
      }
      var result: [String: Array] = [:]
      for (name, entry) in group {
        // `derived_run_py` also holds flags such as `pred_h_is_constant_over_time`.
        guard let entry = entry as? [String: Any] else { continue }
        result[name] = try array(entry, place: "\(place).\(key).\(name)", path: path)
      }
      return result
    }
    return Instance(
      split: split, index: object["index"] as? Int ?? position, hintLength: length, inputs: try arrays("inputs"),
      hints: try arrays("hints"), outputs: try arrays("outputs"),
      runPyViews: try arrays("derived_run_py", required: false))
  }

  private static func array(_ entry: [String: Any], place: String, path: String) throws -> Array {
    guard let shape = entry["shape"] as? [Int], let data = entry["data"] else {
      throw CLRSReferenceError(path: path, place: place, problem: "needs 'shape' and 'data'")
    }
    var values: [Double] = []
    values.reserveCapacity(shape.reduce(1, *))
    guard flatten(data, into: &values), values.count == shape.reduce(1, *) else {
      throw CLRSReferenceError(path: path, place: place, problem: "data does not fill shape \(shape)")
    }
    return Array(
      location: entry["location"] as? String ?? "", type: entry["type"] as? String ?? "", shape: shape, values: values)
  }

  private static func flatten(_ value: Any, into values: inout [Double]) -> Bool {
    if let number = value as? NSNumber {
      values.append(number.doubleValue)
      return true
    }
    guard let list = value as? [Any] else { return false }
    for item in list where !flatten(item, into: &values) { return false }
    return true
  }

  /// The algorithm's input of `instance`, as the reference sampler passed it.
  public func input(of instance: Instance) throws -> CLRSInput {
    try Self.input(
      of: algorithm, from: instance.inputs, path: path,
      place: "splits.\(instance.split).instances[\(instance.index)].inputs")
  }

  /// What `algorithm` ran on, rebuilt from its input arrays by name (`A`, `s`, `x`, …); a missing or malformed one
  /// is an error at `place`.
  public static func input(of algorithm: CLRSAlgorithm, from inputs: [String: Array], path: String, place: String)
    throws -> CLRSInput
  {
    func values(_ name: String) throws -> [Double] {
      guard let array = inputs[name] else {
        throw CLRSReferenceError(path: path, place: "\(place).\(name)", problem: "is missing")
      }
      return array.values
    }
    func graph() throws -> CLRSGraph {
      let weights = try values("A")
      let n = Int(Double(weights.count).squareRoot().rounded())
      guard n * n == weights.count else {
        throw CLRSReferenceError(path: path, place: "\(place).A", problem: "is not square (\(weights.count) values)")
      }
      return CLRSGraph(nodeCount: n, weights: weights)
    }
    switch algorithm {
    case .articulationPoints, .mstKruskal, .dfs, .topologicalSort:
      return .graph(try graph())
    case .bfs, .dijkstra, .bellmanFord:
      let source = try values("s").firstIndex(of: 1) ?? 0
      return .sourcedGraph(try graph(), source: source)
    case .grahamScan:
      return .points(x: try values("x"), y: try values("y"))
    case .insertionSort:
      return .keys(try values("key"))
    case .activitySelector:
      return .intervals(start: try values("s"), finish: try values("f"))
    }
  }
}

/// A reference file that cannot be used, with the place in it.
public struct CLRSReferenceError: Error, CustomStringConvertible {
  public var path: String
  public var place: String
  public var problem: String
  public var description: String { "\(path): \(place) \(problem)" }
}
