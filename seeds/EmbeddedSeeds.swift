import Foundation

/// The seed programs' files, compiled into the binary by SwiftPM (`.embedInCode` in Package.swift), so that the
/// files in this folder are the one source of truth and a binary copied elsewhere (and the worker processes it
/// starts) still has them.
public enum EmbeddedSeeds {
  /// The four MNIST-1D seeds (`seeds/NAME.py`), in the order a search puts them in its first generation.
  public static let mnist1D: [SeedFile] = [
    SeedFile(name: "cnn", bytes: PackageResources.cnn_py),
    SeedFile(name: "mlp", bytes: PackageResources.mlp_py),
    SeedFile(name: "gru", bytes: PackageResources.gru_py),
    SeedFile(name: "large_cnn", bytes: PackageResources.large_cnn_py),
  ]

  /// Each MNIST-1D seed's parameter count as PyTorch counts it (`seeds/params.json`, written by
  /// scripts/make_archlang_fixtures.py).
  public static let mnist1DParameterCounts: [String: Int] = {
    do {
      return try JSONDecoder().decode([String: Int].self, from: Data(PackageResources.params_json))
    } catch {
      preconditionFailure("seeds/params.json is not a JSON object of whole numbers: \(error)")
    }
  }()

  /// The paper's nine seed triplet functions for CLRS (`seeds/clrs/NAME.py`), the standard one first.
  public static let clrs: [SeedFile] = [
    SeedFile(name: "standard", bytes: PackageResources.standard_py),
    SeedFile(name: "mlp_output", bytes: PackageResources.mlp_output_py),
    SeedFile(name: "sum_aggregation", bytes: PackageResources.sum_aggregation_py),
    SeedFile(name: "mlp_node_maps", bytes: PackageResources.mlp_node_maps_py),
    SeedFile(name: "mlp_edge_maps", bytes: PackageResources.mlp_edge_maps_py),
    SeedFile(name: "mlp_graph_map", bytes: PackageResources.mlp_graph_map_py),
    SeedFile(name: "no_graph_term", bytes: PackageResources.no_graph_term_py),
    SeedFile(name: "tiled_node_map", bytes: PackageResources.tiled_node_map_py),
    SeedFile(name: "bilinear", bytes: PackageResources.bilinear_py),
  ]
}

/// One seed program file.
public struct SeedFile: Sendable, Hashable {
  /// The file's name without `.py` (`cnn`, `standard`).
  public var name: String
  /// The program: the file's text without its final line break, as the search shows it to the language model.
  public var source: String

  init(name: String, bytes: [UInt8]) {
    self.name = name
    var text = String(decoding: bytes, as: UTF8.self)
    if text.hasSuffix("\n") { text.removeLast() }
    self.source = text
  }
}
