/// Something the UI asks the application to do; the pure key handler only describes it.
public enum UIAction: Sendable, Equatable {
  /// Leave the UI (the run stops or, for replay, the replay ends).
  case quit
  /// Ask the live run to pause at the next safe point.
  case pause
  /// Review decisions on proposals (ids in queue order).
  case accept([String])
  case reject([String])
  /// Open the proposal in an editor; an edited program is re-checked and then trained.
  case edit(String)
  /// Open a population row's program in an editor and add the result as a new hand-edited candidate.
  case handEdit(String)
  /// The built-in editor saved `code` for candidate `id`.
  case editorSaved(String, code: String, purpose: TextEditorState.Purpose)
  /// Replay controls.
  case replay(ReplayControl)
  /// Ctrl-Z: give the terminal back to the shell and stop until `fg`.
  case suspend
}
