/// A hand-written program the search starts from.
public struct SeedProgram: Sendable, Equatable {
  public var name: String
  public var code: String

  public init(name: String, code: String) {
    self.name = name
    self.code = code
  }
}
