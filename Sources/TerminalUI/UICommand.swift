/// What a key asks the UI to do; the key table maps keys to commands, `UIModel.handle` carries them out.
public enum UICommand: String, Sendable, CaseIterable {
  case quit, help, filter, suspend
  case down, up, pageDown, pageUp, top, bottom, left, right
  case nextPane, previousPane, open, back
  case pause, theme, sortNext, sortReverse
  case diffMode, nextParent, nextTab, previousTab
  case accept, reject, edit, mark, handEdit
  case replayTogglePause, replayStepBack, replayStepForward, replayFaster, replaySlower, replayPreviousRound,
    replayNextRound
}
