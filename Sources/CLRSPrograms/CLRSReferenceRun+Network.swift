import ArchLang
import Tasks

extension CLRSReferenceRun {
  /// The network the recorded dm-clrs run started from: the triplet function `source` (it must have dm-clrs's
  /// layers, as `seeds/clrs/standard.py`), every parameter set to the recording's initial value. Throws when a
  /// parameter is missing or the count differs from dm-clrs's.
  public func initialNetwork(tripletSource source: String, limits: InterpreterLimits) throws -> CLRSNetwork {
    let triplet = try TripletProgram(
      source: source, hidden: hidden, tripletFeatures: tripletFeatures, outSize: hidden, seed: seed, limits: limits)
    let network = try CLRSNetwork(spec: algorithm.spec, hidden: hidden, triplet: triplet, seed: seed)
    try triplet.loadReferenceParameters(try network.loadReferenceParameters(parameters))
    guard network.parameterCount == parameterCount else {
      throw CLRSModelError.referenceParameters(
        "the network has \(network.parameterCount) parameters and dm-clrs's \(parameterCount)")
    }
    return network
  }
}
