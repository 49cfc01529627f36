import Foundation
import LanguageModels
import PromptTuning
import XCTest

/// The EVSP soft prompt format: header, round trip, rejection of other files.
final class SoftPromptFileTests: XCTestCase {
  func testRoundTripAndHeader() throws {
    let softPrompt = SoftPrompt(vectors: [1, -2.5, 0.125, .pi, 7, -0.0], width: 3)
    let data = SoftPromptFile.encode(softPrompt)
    XCTAssertEqual(data.count, 16 + 6 * 4)
    XCTAssertEqual(Array(data.prefix(4)), Array("EVSP".utf8))
    XCTAssertEqual(Array(data[4..<16]), [1, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0])
    XCTAssertEqual(try SoftPromptFile.decode(data), softPrompt)

    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("evsp-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("nested/prompt.bin").path
    try SoftPromptFile.write(softPrompt, to: path)
    XCTAssertEqual(try SoftPromptFile.read(from: path), softPrompt)
  }

  func testRejectsOtherBytes() {
    XCTAssertThrowsError(try SoftPromptFile.decode(Data("GGUF and more bytes".utf8)))
    var truncated = SoftPromptFile.encode(SoftPrompt(vectors: [1, 2, 3, 4], width: 2))
    truncated.removeLast()
    XCTAssertThrowsError(try SoftPromptFile.decode(truncated))
  }
}
