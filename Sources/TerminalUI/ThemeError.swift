/// A theme file that could not be read, with the line at fault.
public struct ThemeError: Error, Equatable, CustomStringConvertible {
  public var source: String
  public var line: Int
  public var message: String

  public var description: String { "\(source):\(line): \(message)" }
}
