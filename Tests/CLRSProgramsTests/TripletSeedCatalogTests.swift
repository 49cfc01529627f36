import ArchLang
import CLRSPrograms
import Tasks
import XCTest

/// The seeds the binary ships (`TripletProgram.seeds`) are the files of `seeds/clrs/`, with their parameter counts.
final class TripletSeedCatalogTests: XCTestCase {
  func testTheCatalogIsTheSeedFiles() throws {
    XCTAssertEqual(TripletProgram.seeds.count, 9)
    XCTAssertEqual(TripletProgram.seeds.first?.name, "standard")
    for seed in TripletProgram.seeds {
      let file = try SeedTripletProgramTests.seed(seed.name)
      XCTAssertEqual(seed.source + "\n", file, "\(seed.name): run scripts/make_clrs_seed_catalog.py")
    }
  }

  func testParameterCountsAreTheFunctionsOwnAtIbarzSize() {
    let check = TripletProgramCheck(contract: CLRSTripletContract(batchSize: 1, nodeCount: 3, hidden: 128))
    for seed in TripletProgram.seeds {
      let report = check.run(seed.source)
      XCTAssertNil(report.error, seed.name)
      XCTAssertEqual(report.parameterCount, seed.parameterCount, seed.name)
    }
  }
}
