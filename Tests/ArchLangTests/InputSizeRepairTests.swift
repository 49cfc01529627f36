import ArchLang
import XCTest

/// The check's input-size repair: a layer built for another input size than it gets has the size of its input
/// written into its constructor, as PyTorch's lazy layers would infer it, and only then.
final class InputSizeRepairTests: XCTestCase {
  let check = CandidateCheck(exampleShape: [40], classCount: 10)

  /// A program with one read-out line between a header and a forward pass.
  func program(layers: String, forward: String) -> String {
    """
    import torch.nn as nn


    class Model(nn.Module):
        def __init__(self):
            super().__init__()
    \(layers)

        def forward(self, x):
    \(forward)

    """
  }

  func testAWrongFlattenedSizeOfTheReadOutIsRewritten() throws {
    // Qwen2.5-Coder's reply 04 of the reply corpus: three strided convolutions leave [B, 25, 5], not 512 features.
    let source = program(
      layers: """
                self.conv = nn.Conv1d(1, 25, 5, stride=2, padding=1)
                self.fc = nn.Linear(512, 10)
        """,
      forward: """
                x = self.conv(x.unsqueeze(1))
                return self.fc(x.flatten(1))
        """)
    XCTAssertNotNil(check.run(source).error?.inputSizeFix)
    let checked = check.runRepairingInputSizes(source)
    XCTAssertNil(checked.report.error)
    XCTAssertEqual(checked.repairs.map(\.description), ["8:19: in_features 512 -> 475, the size of its input"])
    XCTAssertTrue(checked.source.contains("self.fc = nn.Linear(475, 10)"), checked.source)
    XCTAssertEqual(checked.report.parameterCount, 25 * 5 + 25 + 475 * 10 + 10)
    // The repaired program is an ordinary program: checked again, it needs nothing.
    XCTAssertEqual(check.runRepairingInputSizes(checked.source).repairs, [])
  }

  func testKeywordArgumentsChainedLayersAndChannelsAreRepaired() throws {
    let source = program(
      layers: """
                self.conv = nn.Conv1d(in_channels=3, out_channels=8, kernel_size=3)
                self.hidden = nn.Linear(
                    in_features=100,
                    out_features=16,
                )
                self.out = nn.Linear(32, 10, bias=True)
        """,
      forward: """
                x = self.conv(x.unsqueeze(1)).relu().mean(dim=2)
                return self.out(self.hidden(x))
        """)
    let checked = check.runRepairingInputSizes(source)
    XCTAssertNil(checked.report.error, "\(checked.report.error.map { "\($0)" } ?? "")")
    XCTAssertEqual(
      checked.repairs.map { "\($0.argument) \($0.written) -> \($0.size)" },
      ["in_channels 3 -> 1", "in_features 100 -> 8", "in_features 32 -> 16"])
    XCTAssertTrue(checked.source.contains("in_channels=1, out_channels=8"), checked.source)
    XCTAssertTrue(checked.source.contains("in_features=8,\n"), checked.source)
    XCTAssertTrue(checked.source.contains("nn.Linear(16, 10, bias=True)"), checked.source)
  }

  func testAProgramThatNeedsNoRepairIsLeftAsWritten() {
    let source = program(
      layers: "        self.fc = nn.Linear(40, 10)", forward: "        return self.fc(x)")
    let checked = check.runRepairingInputSizes(source)
    XCTAssertNil(checked.report.error)
    XCTAssertEqual(checked.repairs, [])
    XCTAssertEqual(checked.source, source)
  }

  func testOneConstructorServingTwoInputSizesIsRejectedWithItsError() {
    // A helper builds both layers from one call site: repairing it for the first input breaks the second, and a
    // call site is repaired only once, so the program keeps a rejection that names the mismatch.
    let source = """
      import torch.nn as nn


      def block(width):
          return nn.Linear(width, 40)


      class Model(nn.Module):
          def __init__(self):
              super().__init__()
              self.first = block(12)
              self.second = block(12)
              self.out = nn.Linear(40, 10)

          def forward(self, x):
              y = self.first(x)
              z = self.second(x[:, :20])
              return self.out(y + z)

      """
    let checked = check.runRepairingInputSizes(source)
    XCTAssertNotNil(checked.report.error)
    XCTAssertTrue(checked.report.error?.message.contains("mat1 and mat2") ?? false, "\(checked.report)")
  }

  func testOtherErrorsAreNotRepaired() {
    let source = program(
      layers: "        self.fc = nn.Linear(40, 12)", forward: "        return self.fc(x)")
    let checked = check.runRepairingInputSizes(source)
    XCTAssertNotNil(checked.report.error)
    XCTAssertEqual(checked.repairs, [])
    XCTAssertEqual(checked.source, source)
  }
}
