import Foundation

/// Where the test fixtures (copied into the test bundle) live.
enum FixtureLocation {
  /// The bundled `Fixtures` directory.
  static var directory: String {
    Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.path
  }

  /// The path of one fixture file.
  static func path(_ name: String) -> String {
    (directory as NSString).appendingPathComponent(name)
  }
}
