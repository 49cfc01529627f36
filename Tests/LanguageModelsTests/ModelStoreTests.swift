import LanguageModels
import XCTest

final class ModelStoreTests: XCTestCase {
  func testSHA256KnownAnswers() {
    XCTAssertEqual(
      SHA256Digest.hex(of: Array("".utf8)), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    XCTAssertEqual(
      SHA256Digest.hex(of: Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    XCTAssertEqual(
      SHA256Digest.hex(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    var streamed = SHA256Digest()
    for _ in 0..<1000 { streamed.update(Array(repeating: UInt8(ascii: "a"), count: 1000)) }
    XCTAssertEqual(streamed.finalizeHex(), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  func testFileChecksumMatchesInMemoryChecksum() throws {
    let path = try FixtureFiles.path("tiny_llama_q4_0.gguf")
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    XCTAssertEqual(try ModelStore.sha256(ofFile: path), SHA256Digest.hex(of: data))
  }

  func testResolvesPathsAndNames() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("models-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let store = ModelStore(directory: directory)
    let fixture = try FixtureFiles.path("tiny_llama_f32.gguf")
    XCTAssertEqual(try store.resolve(fixture), fixture)
    XCTAssertThrowsError(try store.resolve("smollm2")) { error in
      XCTAssertTrue("\(error)".contains("models fetch smollm2"), "\(error)")
    }
    XCTAssertThrowsError(try store.resolve("no-such-model"))
    try FileManager.default.copyItem(atPath: fixture, toPath: store.path(of: .smollm2))
    XCTAssertEqual(try store.resolve("smollm2"), store.path(of: .smollm2))
    XCTAssertEqual(store.installed().map(\.path), [store.path(of: .smollm2)])
  }
}
