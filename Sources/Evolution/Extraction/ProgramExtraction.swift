import MemberwiseInit

/// What extraction made of a language model's reply: the program to check, what it left out and why, and what it
/// carried in from the prompt's parents.
public struct ProgramExtraction: Sendable, Equatable {
  /// The program, or nil when the reply held none (then `failure` says why).
  public var code: String?
  /// Module-level statements of the reply that are not part of the model, in reply order.
  public var dropped: [DroppedStatement] = []
  /// Definitions the model uses that only a parent in the prompt defines, now part of the program.
  public var carried: [CarriedDefinition] = []
  /// Why there is no program.
  public var failure: ExtractionFailure?
}

/// A module-level statement extraction left out.
@MemberwiseInit
public struct DroppedStatement: Sendable, Equatable, Codable {
  /// Where it starts in the text extraction parsed (the program opening followed by the reply).
  public var line: Int
  /// Its first line, shortened.
  public var statement: String
  /// Why it is not part of the program.
  public var reason: String
}

/// A parent's definition carried into a child that uses it without defining it.
@MemberwiseInit
public struct CarriedDefinition: Sendable, Equatable, Codable {
  /// The name the child uses (`ResidualBlock`).
  public var name: String
  /// `class`, `function`, `constant` or `import`.
  public var kind: String
  /// Which parent of the prompt defines it (0-based, in prompt order).
  public var parent: Int
}

/// Why a reply gave no program, and where in the parsed text when that applies.
public struct ExtractionFailure: Error, Sendable, Equatable, Codable, CustomStringConvertible {
  public var message: String
  public var line: Int?
  public var column: Int?

  public init(_ message: String, line: Int? = nil, column: Int? = nil) {
    self.message = message
    self.line = line
    self.column = column
  }

  public var description: String {
    guard let line else { return message }
    return "\(line):\(column ?? 1): \(message)"
  }
}
