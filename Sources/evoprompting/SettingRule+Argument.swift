import ArgumentParser
import Evolution

extension SettingRule {
  /// Checks the value of `--flag` after parsing (in a command's `validate()`): a usage error that names the flag
  /// when the rule refuses it.
  func check(_ value: Value, flag: String) throws {
    guard allows(value) else { throw ValidationError("--\(flag) \(value.settingText): expected \(expectation)") }
  }
}

/// A flag value its setting's rule refuses; the parser prints it after the flag's name.
struct FlagValueError: Error, CustomStringConvertible {
  var expected: String
  var description: String { "expected \(expected)" }
}
