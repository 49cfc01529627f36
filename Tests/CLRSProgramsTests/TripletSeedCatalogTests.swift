import ArchLang
import CLRSPrograms
import Foundation
import Tasks
import XCTest

/// The seeds the binary ships (`TripletProgram.seeds`, compiled in from `seeds/clrs/`) are every file of that folder,
/// with their parameter counts.
final class TripletSeedCatalogTests: XCTestCase {
  func testTheCatalogIsEverySeedFile() throws {
    let folder = SeedTripletProgramTests.repository.appendingPathComponent("seeds/clrs")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".py") }
    XCTAssertEqual(Set(TripletProgram.seeds.map { $0.name + ".py" }), Set(files))
    XCTAssertEqual(TripletProgram.seeds.count, 9)
    XCTAssertEqual(TripletProgram.seeds.first?.name, "standard")
    for seed in TripletProgram.seeds {
      XCTAssertEqual(seed.source + "\n", try SeedTripletProgramTests.seed(seed.name), seed.name)
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
