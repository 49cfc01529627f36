import Sessions

/// Where everything goes on a screen of a given size: one computation serves drawing and the scroll limits of the
/// key handler, so a scroll can never run past what the frame shows.
public struct ScreenLayout: Sendable {
  public static let minimumWidth = 60
  public static let minimumHeight = 16
  /// The header's rows: the run, then the best model.
  static let headerHeight = 2

  public let width: Int
  public let height: Int
  public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }
  var header = Rect(x: 0, y: 0, width: 0, height: 0)
  var footer = Rect(x: 0, y: 0, width: 0, height: 0)
  var timeline: Rect?
  /// The review queue's box, when proposals wait.
  var review: Rect?
  /// Where the built-in editor draws (everything between header and footer).
  var editor = Rect(x: 0, y: 0, width: 0, height: 0)
  /// The main screen's panes, or the open candidate's detail.
  var main: MainLayout?
  var detail: DetailLayout?
  /// The detail's box (its content is `detail`).
  var detailBox: Rect?

  /// The layout for the model's own screen size (what the key handler sees).
  init(_ model: UIModel, _ state: SessionState) {
    self.init(model, state, width: model.screenWidth, height: model.screenHeight)
  }

  init(_ model: UIModel, _ state: SessionState, width: Int, height: Int) {
    self.width = width
    self.height = height
    guard !isTooSmall else { return }
    let bounds = Rect(x: 0, y: 0, width: width, height: height)
    let (header, belowHeader) = bounds.splitTop(Self.headerHeight)
    var (body, footer) = belowHeader.splitBottom(1)
    self.header = header
    self.footer = footer
    if model.replay != nil {
      let (rest, timeline) = body.splitBottom(1)
      self.timeline = timeline
      body = rest
    }
    editor = body
    if !model.reviewQueue.isEmpty, model.detailID == nil {
      let (rest, review) = body.splitBottom(max(7, body.height * 2 / 5))
      self.review = review
      body = rest
    }
    if let id = model.detailID, let record = state.candidates[id] {
      detailBox = body
      detail = DetailLayout(record, state: state, model: model, rect: body.inset(by: 1))
    } else {
      main = MainLayout(body, focus: model.focus)
    }
  }

  /// Rows and columns of text the language-model pane shows (0 when it is hidden).
  var logContentHeight: Int { main?.log?.inset(by: 1).height ?? 0 }
  var logContentWidth: Int { main?.log?.inset(by: 1).width ?? 0 }
}

/// The main screen: the population on the left; the round plot, the Pareto scatter and the language model's pane
/// on the right (the log gives way first when the screen is short, unless it has the focus).
struct MainLayout: Sendable {
  var table: Rect
  var roundPlot: Rect
  var pareto: Rect?
  var log: Rect?

  init(_ rect: Rect, focus: UIModel.Pane) {
    let (left, right) = rect.splitHorizontally(fraction: rect.width >= 120 ? 0.52 : 0.58)
    table = left
    let tall = right.height >= 15
    let showLog = tall || focus == .log
    let (top, rest) = right.splitTop(showLog && tall ? right.height * 2 / 5 : right.height / 2)
    roundPlot = top
    if !showLog {
      pareto = rest
    } else if tall {
      let split = rest.splitVertically(fraction: 0.5)
      pareto = split.top
      log = split.bottom
    } else {
      log = rest
    }
  }
}
