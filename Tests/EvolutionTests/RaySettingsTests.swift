import Evolution
import XCTest

/// `--executor ray` and its `ray_…` settings: one table row each, read from TOML and flags, recorded and read back
/// from the session log, and checked by their rules.
final class RaySettingsTests: XCTestCase {
  func testTheRaySettingsRoundTripThroughTOMLAndTheLog() throws {
    let file = try ConfigFile(
      text: """
        executor = "ray"
        ray_address = "http://10.0.0.5:8265"
        ray_worker_command = "/shared/bin/evoprompting"
        ray_num_cpus = 2
        ray_num_gpus = 0.5
        """, path: "ray.toml")
    var settings = SearchSettings.quick
    try file.apply(to: &settings)
    XCTAssertEqual(settings.executor, .ray)
    XCTAssertEqual(settings.ray.address, "http://10.0.0.5:8265")
    XCTAssertEqual(settings.ray.workerCommand, "/shared/bin/evoprompting")
    XCTAssertEqual(settings.ray.numCpus, 2)
    XCTAssertEqual(settings.ray.numGpus, 0.5)
    let recorded = settings.recorded
    XCTAssertEqual(recorded["executor"], "ray")
    XCTAssertEqual(recorded["ray_address"], "http://10.0.0.5:8265")
    XCTAssertEqual(recorded["ray_num_cpus"], "2.0")
    XCTAssertEqual(try SearchSettings(recorded: recorded), settings, "resume reads back what the log recorded")
    let configuration = settings.ray.configuration
    XCTAssertEqual(configuration.workerCommand, "/shared/bin/evoprompting")
    XCTAssertEqual(configuration.numCpus, 2)
    XCTAssertEqual(configuration.numGpus, 0.5)
  }

  func testLocalSearchesRecordNoAddressAndReserveNoGPU() throws {
    let settings = SearchSettings()
    XCTAssertNil(settings.recorded["ray_address"], "an unset address is not recorded")
    XCTAssertEqual(settings.recorded["ray_worker_command"], "evoprompting")
    XCTAssertNil(settings.ray.configuration.numGpus, "0 GPUs reserves none")
    XCTAssertEqual(try SearchSettings(recorded: settings.recorded), settings)
  }

  func testBadAddressesAndResourcesAreRefusedNamingTheSetting() {
    for address in [
      "ray://127.0.0.1:10001", "ftp://head:8265", "", "http://head:6379", "http://user:secret@head:8265",
    ] {
      var settings = SearchSettings()
      XCTAssertThrowsError(try settings.set("ray_address", to: address), address) { error in
        guard case .badValue(let key, _, let expected) = error as? SettingsError else { return XCTFail("\(error)") }
        XCTAssertEqual(key, "ray_address")
        XCTAssertTrue(expected.contains("Ray head's dashboard"), expected)
      }
    }
    var settings = SearchSettings()
    XCTAssertNoThrow(try settings.set("ray_address", to: "head.internal:8265"))
    XCTAssertThrowsError(try settings.set("ray_num_cpus", to: "-1"))
    XCTAssertThrowsError(try settings.set("ray_num_gpus", to: "nan"))
    XCTAssertThrowsError(try settings.set("ray_worker_command", to: "  "))
    XCTAssertThrowsError(try settings.set("executor", to: "slurm")) { error in
      XCTAssertEqual("\(error)", "setting 'executor' = 'slurm': expected one of local, ray")
    }
    XCTAssertThrowsError(
      try ConfigFile(text: "ray_address = \"ray://head:10001\"\n", path: "bad.toml").apply(to: &settings)
    ) { error in XCTAssertTrue("\(error)".hasPrefix("bad.toml:1: setting 'ray_address'"), "\(error)") }
  }
}
