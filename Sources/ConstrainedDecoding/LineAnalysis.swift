/// The prefix checker's verdict on one line (without newline) in the current context.
struct LineAnalysis {
  /// Whether the line can still become a valid line.
  var viable: Bool
  /// Whether the line is a valid line as it stands (a newline may follow).
  var complete: Bool
  /// The statement form (meaningful when complete).
  var kind: CommittedLine.Kind = .blank
  /// The block depth the line is at: 0 for module level, 1 for a class body, 2 for a method body.
  var depth: Int = 0
  /// Assigned names, new class name, or method name and parameters, depending on `kind`.
  var names: [String] = []
  /// The code key of the line.
  var codeKey: String = ""
  /// For an assignment, the code of the assigned value.
  var valueKey: String = ""

  static let invalid = LineAnalysis(viable: false, complete: false)
  static let prefix = LineAnalysis(viable: true, complete: false)
}
