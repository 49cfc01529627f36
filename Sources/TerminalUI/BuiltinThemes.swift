/// The themes shipped with EvoPrompting: the text of `themes/*.theme` (a test keeps the two identical).
public enum BuiltinThemes {
  /// The theme files in order: dark (default), light, high-contrast.
  public static let sources: [(file: String, text: String)] = [
    (
      "dark.theme",
      #"""
      # EvoPrompting dark theme (the default): light text on the terminal's own dark background.
      name = dark
      normal = default
      header = black on 74 bold
      border = 240
      title = 117 bold
      selection = black on 110
      good = 114
      bad = 203
      warning = 221
      muted = 244
      accent = 141 bold
      footer = 250 on 236
      diffAdded = 114
      diffRemoved = 203
      keyword = 176 bold
      string = 180
      comment = 244
      number = 117
      plotBest = 114
      plotMedian = 221
      plotFront = 141 bold
      overlay = 252 on 237

      """#
    ),
    (
      "light.theme",
      #"""
      # EvoPrompting light theme: dark text for terminals with a light background.
      name = light
      normal = default
      header = white on 25 bold
      border = 248
      title = 25 bold
      selection = black on 153
      good = 28
      bad = 160
      warning = 130
      muted = 243
      accent = 91 bold
      footer = 236 on 254
      diffAdded = 28
      diffRemoved = 160
      keyword = 91 bold
      string = 130
      comment = 243
      number = 25
      plotBest = 28
      plotMedian = 130
      plotFront = 91 bold
      overlay = 235 on 255

      """#
    ),
    (
      "high-contrast.theme",
      #"""
      # EvoPrompting high-contrast theme: basic colours only, bold and reverse for everything that matters.
      name = high-contrast
      normal = bright-white on black
      header = black on bright-yellow bold
      border = bright-white
      title = bright-yellow bold
      selection = reverse bold
      good = bright-green bold
      bad = bright-red bold
      warning = bright-yellow bold
      muted = white
      accent = bright-cyan bold
      footer = black on white
      diffAdded = bright-green bold
      diffRemoved = bright-red bold
      keyword = bright-cyan bold
      string = bright-yellow
      comment = white
      number = bright-magenta
      plotBest = bright-green bold
      plotMedian = bright-yellow bold
      plotFront = bright-cyan bold
      overlay = bright-white on blue

      """#
    ),
  ]

  /// The parsed themes (the files are tested to parse, so failure here is a build defect).
  public static let all: [Theme] = sources.map { source in
    do {
      return try Theme.parse(source.text, source: source.file)
    } catch {
      preconditionFailure("built-in theme \(source.file) does not parse: \(error)")
    }
  }
}
