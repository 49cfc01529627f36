/// What a key asks the UI to do; the key table maps keys to commands, `UIModel.handle` carries them out.
public enum UICommand: String, Sendable, CaseIterable {
  case quit, help, filter
  case down, up, pageDown, pageUp, top, bottom
  case nextPane, previousPane, open, back
  case pause, theme, sortNext, sortReverse
  case diffMode, nextParent
  case accept, reject, edit, mark, handEdit
  case replayTogglePause, replayStepBack, replayStepForward, replayFaster, replaySlower, replayPreviousRound, replayNextRound
}
