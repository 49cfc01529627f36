import Evolution
import Sessions
import XCTest

/// The settings tables: one declaration per knob, read back from every recorded session, and every value checked
/// by its rule wherever it comes from.
final class SettingsTableTests: XCTestCase {
  /// The repository's recorded sessions (`sessions/`), which must keep loading and replaying.
  private var recordedSessions: [URL] {
    get throws {
      let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
      let folder = root.appendingPathComponent("sessions")
      let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
      return names.map { folder.appendingPathComponent($0) }
    }
  }

  func testRecordedSessionsLoadAndRecordTheSameText() throws {
    let sessions = try recordedSessions
    XCTAssertGreaterThanOrEqual(sessions.count, 2)
    for session in sessions {
      let configured = try XCTUnwrap(SessionState(events: try EventLog.read(at: session).events).configuration)
      let settings = try SearchSettings(recorded: configured.settings)
      let languageModel = try LanguageModelSettings(recorded: configured.languageModel)
      // Recording the settings again gives the log's own text for every key it has (keys added since are new).
      for (key, text) in configured.settings {
        XCTAssertEqual(settings.recorded[key], text, "\(session.lastPathComponent): \(key)")
      }
      XCTAssertEqual(languageModel.recorded, configured.languageModel, session.lastPathComponent)
      XCTAssertEqual(settings.executor, .local, "a session recorded before --executor trains locally")
    }
  }

  func testTheLogRecordsEverySettingUnderItsKey() throws {
    let recorded = SearchSettings.quick.recorded
    // Every setting but the unset optional one (the Ray head's address, which a local search has none of).
    XCTAssertEqual(Set(recorded.keys), Set(SearchSettings.settings.map(\.recordedKey)).subtracting(["ray_address"]))
    XCTAssertEqual(recorded["steps"], "1500")
    XCTAssertEqual(recorded["temperatures"], "0.2,0.6,0.8,1.0")
    XCTAssertEqual(recorded["baseline"], "none")
    XCTAssertEqual(recorded["tuning_prompt_tokens"], "256")
    XCTAssertEqual(recorded["executor"], "local")
    var languageModel = LanguageModelSettings()
    XCTAssertEqual(languageModel.recorded, ["backend": "embedded"], "unset optional settings are not recorded")
    languageModel.baseURL = "http://127.0.0.1:8080/v1"
    XCTAssertEqual(try LanguageModelSettings(recorded: languageModel.recorded), languageModel)
  }

  func testKeysAndFlagsAreUniqueAcrossTheModelsACommandTakes() {
    let keys = SearchSettings.keys + LanguageModelSettings.keys
    XCTAssertEqual(Set(keys).count, keys.count)
    let flags = (SearchSettings.settings.map(\.flag) + LanguageModelSettings.settings.map(\.flag)).map { flag in
      switch flag {
      case .option(let name), .toggle(let name): name
      case .none: ""
      }
    }
    XCTAssertEqual(Set(flags).count, flags.count)
  }

  func testThePresetsObeyTheirOwnRules() throws {
    for preset in SearchPreset.allCases { XCTAssertNoThrow(try preset.settings.validate(), preset.rawValue) }
    XCTAssertNoThrow(try LanguageModelSettings().validate())
  }

  /// Issue 17's cases, as the settings see them: each is refused with the setting's name.
  func testNumericSettingsAreCheckedAndNameThemselves() {
    let refused: [(String, String)] = [
      ("batch_size", "0"), ("batch_size", "-1"), ("eval_interval", "0"), ("eval_interval", "-1"), ("steps", "0"),
      ("steps", "99999999999"), ("lr", "nan"), ("lr", "inf"), ("lr", "-0.01"), ("lr", "0"), ("alpha", "-1"),
      ("alpha", "0"), ("alpha", "1.5"), ("rounds", "0"), ("samples", "x"), ("temperatures", ""),
      ("temperatures", "0.2,-1"), ("tuning_lr", "nan"), ("jobs", "0"), ("worker_timeout_s", "0"),
      ("seed", "-1"), ("review", "maybe"), ("optimizer", "adagrad"), ("baseline", "naive"),
    ]
    for (key, value) in refused {
      var settings = SearchSettings()
      XCTAssertThrowsError(try settings.set(key, to: value), "\(key) = \(value)") {
        XCTAssertTrue("\($0)".hasPrefix("setting '\(key)' = '\(value)': expected "), "\($0)")
      }
      XCTAssertEqual(settings, SearchSettings(), "a refused value changes nothing")
    }
    var settings = SearchSettings()
    XCTAssertNoThrow(try settings.set("alpha", to: "1"))
    XCTAssertNoThrow(try settings.set("steps", to: "1000000"))
    XCTAssertNoThrow(try settings.set("temperatures", to: "0, 0.5"))
    XCTAssertEqual(settings.temperatures, [0, 0.5])
  }

  func testTheBoundsAreSaidInWords() throws {
    let steps = try XCTUnwrap(SearchSettings.setting("steps"))
    XCTAssertEqual(steps.expectation, "a whole number from 1 to 1,000,000")
    XCTAssertEqual(try XCTUnwrap(SearchSettings.setting("alpha")).expectation, "a number above 0 and at most 1")
    XCTAssertEqual(SettingRule<Float>.learningRate.expectation, "a number above 0 and at most 10")
    XCTAssertEqual(try XCTUnwrap(SearchSettings.setting("review")).choices, ["manual", "auto", "auto-valid"])
    XCTAssertEqual(SearchSettings.defaultsText(of: steps), "(paper: 8000, quick: 1500, study: 1500)")
    XCTAssertEqual(SearchSettings.defaultsText(of: try XCTUnwrap(SearchSettings.setting("lr"))), "(default: 0.01)")
  }

  func testAnUnknownRecordedKeyIsAnError() {
    XCTAssertThrowsError(try SearchSettings(recorded: ["roundz": "2"])) {
      XCTAssertEqual("\($0)", "unknown setting 'roundz'; did you mean 'rounds'?")
    }
  }
}
