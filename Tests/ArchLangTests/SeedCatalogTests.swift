import ArchLang
import Foundation
import XCTest

/// The MNIST-1D seeds the binary ships (`SeedProgram.all`, compiled in from `seeds/`) are every `.py` file of that
/// folder, in the order the first generation lists them.
final class SeedCatalogTests: XCTestCase {
  func testTheCatalogIsEverySeedFile() throws {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("seeds")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".py") }
    XCTAssertEqual(SeedProgram.all.map(\.name), ["cnn", "mlp", "gru", "large_cnn"])
    XCTAssertEqual(Set(SeedProgram.all.map { $0.name + ".py" }), Set(files))
    for seed in SeedProgram.all {
      let file = try String(contentsOf: folder.appendingPathComponent(seed.name + ".py"), encoding: .utf8)
      XCTAssertEqual(seed.source + "\n", file, seed.name)
    }
    XCTAssertEqual([SeedProgram.cnn, .mlp, .gru, .largeCNN], SeedProgram.all)
  }
}
