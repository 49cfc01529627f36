import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// What a `URLSession` data task reports while a reply arrives: first its head, then body bytes as they come.
enum HTTPResponseEvent: @unchecked Sendable {
  // `HTTPURLResponse` is immutable once delivered; corelibs Foundation does not mark it Sendable.
  case head(HTTPURLResponse)
  case body(Data)
}
