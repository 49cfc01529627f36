import Foundation
import Sessions
import TerminalUI

/// Lets a callback reach the app it was created for.
final class AppHolder: @unchecked Sendable {
  var app: TerminalApp?
}
