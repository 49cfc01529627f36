/// The name of a task candidates can be trained on (`--task`): one of `ProgramTraining.taskNames`, checked when it
/// is read, so a search never starts on a task that does not exist.
public struct TaskName: SettingValue, Hashable, CustomStringConvertible {
  public let name: String

  public init?(settingText text: String) {
    guard ProgramTraining.taskNames.contains(text) else { return nil }
    name = text
  }

  public var settingText: String { name }
  public var description: String { name }
  public static var settingExpectation: String { "one of " + ProgramTraining.taskNames.joined(separator: ", ") }
  public static var settingChoices: [String]? { ProgramTraining.taskNames }

  /// MNIST-1D, the default.
  public static let mnist1d = TaskName(settingText: "mnist1d")!
}
