import MemberwiseInitMacros
import SwiftSyntaxMacros
import SwiftSyntaxMacrosTestSupport
import XCTest

/// `@MemberwiseInit` writes the initialiser the compiler would synthesise, at the struct's access level.
final class MemberwiseInitMacroTests: XCTestCase {
  private let macros: [String: any Macro.Type] = ["MemberwiseInit": MemberwiseInitMacro.self]

  func testParametersFollowTheStoredPropertiesWithTheCompilersDefaults() {
    assertMacroExpansion(
      """
      @MemberwiseInit
      public struct JobLost {
        public var id: String
        public var status: String?
        public var retired: [String] = []
        public let schema = 1
        public let note: String?
        public static let kind = "job_lost"
        public var summary: String { id }
      }
      """,
      expandedSource: """
        public struct JobLost {
          public var id: String
          public var status: String?
          public var retired: [String] = []
          public let schema = 1
          public let note: String?
          public static let kind = "job_lost"
          public var summary: String { id }

          public init(id: String, status: String? = nil, retired: [String] = [], note: String?) {
            self.id = id
            self.status = status
            self.retired = retired
            self.note = note
          }
        }
        """,
      macros: macros, indentationWidth: .spaces(2)
    )
  }

  func testClosuresEscapeAndSharedTypesReachEveryName() {
    assertMacroExpansion(
      """
      @MemberwiseInit
      struct Hooks {
        var width, height: Int
        var onExit: @Sendable (Int) -> Void
        var observed: Int = 0 {
          didSet { print(observed) }
        }
      }
      """,
      expandedSource: """
        struct Hooks {
          var width, height: Int
          var onExit: @Sendable (Int) -> Void
          var observed: Int = 0 {
            didSet { print(observed) }
          }

          init(width: Int, height: Int, onExit: @escaping @Sendable (Int) -> Void, observed: Int = 0) {
            self.width = width
            self.height = height
            self.onExit = onExit
            self.observed = observed
          }
        }
        """,
      macros: macros, indentationWidth: .spaces(2)
    )
  }

  func testAPrivateStructGetsAnInitTheFileCanCall() {
    assertMacroExpansion(
      """
      @MemberwiseInit
      private struct Row {
        var id: String
      }
      """,
      expandedSource: """
        private struct Row {
          var id: String

          fileprivate init(id: String) {
            self.id = id
          }
        }
        """,
      macros: macros, indentationWidth: .spaces(2)
    )
  }

  func testAPropertyWithoutAWrittenTypeIsAnError() {
    assertMacroExpansion(
      """
      @MemberwiseInit
      public struct Point {
        public var x = 0
      }
      """,
      expandedSource: """
        public struct Point {
          public var x = 0
        }
        """,
      diagnostics: [DiagnosticSpec(message: "@MemberwiseInit needs the type of 'x' written out", line: 1, column: 1)],
      macros: macros, indentationWidth: .spaces(2)
    )
  }

  func testOnlyStructsTakeIt() {
    assertMacroExpansion(
      """
      @MemberwiseInit
      final class Box {}
      """,
      expandedSource: """
        final class Box {}
        """,
      diagnostics: [DiagnosticSpec(message: "@MemberwiseInit applies to structs", line: 1, column: 1)],
      macros: macros, indentationWidth: .spaces(2)
    )
  }
}
