/// What values a setting allows beyond its type, said in words for the error: every numeric option of every
/// command is checked by one of these, whether it comes from a flag, the TOML file or a session log.
public struct SettingRule<Value: SettingValue>: Sendable {
  /// The allowed values in words, completing "expected …" ("a whole number from 1 to 65,536").
  public let expectation: String
  private let test: @Sendable (Value) -> Bool

  public init(_ expectation: String, _ test: @escaping @Sendable (Value) -> Bool) {
    self.expectation = expectation
    self.test = test
  }

  /// Whether `value` is allowed.
  public func allows(_ value: Value) -> Bool { test(value) }

  /// Every value of the type.
  public static var any: SettingRule { SettingRule(Value.settingExpectation) { _ in true } }
}

extension SettingRule where Value == Int {
  /// Whole numbers in `range`, e.g. `1...65_536`.
  public static func within(_ range: ClosedRange<Int>) -> SettingRule {
    SettingRule("a whole number from \(grouped(range.lowerBound)) to \(grouped(range.upperBound))") {
      range.contains($0)
    }
  }
}

extension SettingRule where Value == Float {
  /// Finite numbers above zero, at most `maximum`.
  public static func positive(atMost maximum: Float) -> SettingRule {
    SettingRule("a number above 0 and at most \(plain(maximum))") { $0.isFinite && $0 > 0 && $0 <= maximum }
  }

  /// Finite numbers in `range`.
  public static func within(_ range: ClosedRange<Float>) -> SettingRule {
    SettingRule("a number from \(plain(range.lowerBound)) to \(plain(range.upperBound))") {
      $0.isFinite && range.contains($0)
    }
  }

  /// Numbers in (0, 1]: a fraction that must leave something.
  public static var fraction: SettingRule {
    SettingRule("a number above 0 and at most 1") { $0.isFinite && $0 > 0 && $0 <= 1 }
  }
}

extension SettingRule where Value == [Float] {
  /// A non-empty list whose items are in `range`.
  public static func nonEmpty(within range: ClosedRange<Float>) -> SettingRule {
    SettingRule(
      "comma-separated numbers from \(plain(range.lowerBound)) to \(plain(range.upperBound)), at least one"
    ) { list in !list.isEmpty && list.allSatisfy { $0.isFinite && range.contains($0) } }
  }
}

/// `10.0` as `10`, for bounds people read.
private func plain(_ number: Float) -> String {
  number == number.rounded() && abs(number) < 1e9 ? grouped(Int(number)) : "\(number)"
}

/// `65536` as `65,536`, for bounds people read.
private func grouped(_ number: Int) -> String {
  let digits = String(number.magnitude)
  var result = ""
  for (offset, digit) in digits.enumerated() {
    if offset > 0 && (digits.count - offset) % 3 == 0 { result.append(",") }
    result.append(digit)
  }
  return (number < 0 ? "-" : "") + result
}

// The rules of knobs that several commands take (`run`, `train`, `bench train`, `lm`, `propose`): one definition,
// so `--steps` means the same everywhere.
extension SettingRule where Value == Int {
  /// Training steps: at most a million, 125 times the paper's 8,000 (a larger count is a typo, and the curve and
  /// step buffers grow with it).
  public static var trainingSteps: SettingRule { within(1...1_000_000) }
  /// Examples per optimizer step.
  public static var batchSize: SettingRule { within(1...65_536) }
  /// Steps between validations.
  public static var evaluationInterval: SettingRule { within(1...1_000_000) }
  /// Tokens a language model writes (or a prompt keeps): the longest context of the models we run.
  public static var tokenCount: SettingRule { within(1...32_768) }
  /// Threads of one process.
  public static var threads: SettingRule { within(1...256) }
}

extension SettingRule where Value == Float {
  /// A learning rate: above 0 and finite (a NaN, infinite or negative rate only diverges).
  public static var learningRate: SettingRule { positive(atMost: 10) }
  /// A sampling temperature (0 is greedy).
  public static var temperature: SettingRule { within(0...5) }
}
