import Evolution
import ProcessTestSupport
import XCTest

/// Both validators a search uses (in process, and the `evoprompting check` child process) repair a read-out built
/// for the wrong width and hand the repaired program back, so the search trains and records that program.
final class InputSizeRepairValidationTests: XCTestCase {
  static let wrongReadOut = """
    import torch.nn as nn


    class Model(nn.Module):
        def __init__(self):
            super().__init__()
            self.fc = nn.Linear(100, 10, bias=True)

        def forward(self, x):
            return self.fc(x)

    """

  static let expected = ProgramRepair(
    code: wrongReadOut.replacingOccurrences(of: "nn.Linear(100, 10", with: "nn.Linear(40, 10"),
    changes: ["7:19: in_features 100 -> 40, the size of its input"])

  func testTheInProcessValidatorReturnsTheRepairedProgram() async {
    let outcome = await ArchLangValidator().validate(Self.wrongReadOut)
    guard case .valid(let params, _, let repair) = outcome else { return XCTFail("\(outcome)") }
    XCTAssertEqual(params, 410)
    XCTAssertEqual(repair, Self.expected)
  }

  func testTheCheckerProcessReturnsTheSameRepair() async {
    let outcome = await CheckerProcessValidator(executable: BuiltBinary.path).validate(Self.wrongReadOut)
    guard case .valid(let params, _, let repair) = outcome else { return XCTFail("\(outcome)") }
    XCTAssertEqual(params, 410)
    XCTAssertEqual(repair, Self.expected)
  }

  func testAFittingProgramComesBackUnrepaired() async {
    let outcome = await CheckerProcessValidator(executable: BuiltBinary.path).validate(Self.expected.code)
    guard case .valid(_, _, let repair) = outcome else { return XCTFail("\(outcome)") }
    XCTAssertNil(repair)
  }
}
