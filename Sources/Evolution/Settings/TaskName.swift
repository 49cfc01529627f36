import Tasks

/// The name of a task candidates can be trained on (`--task`): `mnist1d`, or `clrs:ALGORITHM` for one of the CLRS
/// algorithms (`clrs:articulation_points`, …), whose triplet-message function the search evolves. Checked when it is
/// read, so a search never starts on a task that does not exist; the flag, the TOML key and the session log all
/// spell it this one way.
public struct TaskName: SettingValue, Hashable, CustomStringConvertible {
  public let name: String

  public init?(settingText text: String) {
    guard text == Self.mnist1d.name || Self.algorithm(named: text) != nil else { return nil }
    name = text
  }

  private init(known name: String) { self.name = name }

  public var settingText: String { name }
  public var description: String { name }
  public static var settingExpectation: String {
    "mnist1d or clrs:ALGORITHM (ALGORITHM one of " + CLRSAlgorithm.names.joined(separator: ", ") + ")"
  }
  public static var settingChoices: [String]? { allNames }

  /// Every task name, MNIST-1D first.
  public static var allNames: [String] { [mnist1d.name] + CLRSAlgorithm.allCases.map { clrs($0).name } }

  /// MNIST-1D, the default.
  public static let mnist1d = TaskName(known: "mnist1d")

  /// The CLRS task on `algorithm`.
  public static func clrs(_ algorithm: CLRSAlgorithm) -> TaskName { TaskName(known: clrsPrefix + algorithm.name) }

  /// The CLRS algorithm of a `clrs:` task, nil for MNIST-1D.
  public var clrsAlgorithm: CLRSAlgorithm? { Self.algorithm(named: name) }

  private static let clrsPrefix = "clrs:"

  private static func algorithm(named text: String) -> CLRSAlgorithm? {
    guard text.hasPrefix(clrsPrefix) else { return nil }
    return CLRSAlgorithm(name: String(text.dropFirst(clrsPrefix.count)))
  }
}
