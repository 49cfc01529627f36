import CLRSPrograms
import ConstrainedDecoding
import Evolution

extension TaskName {
  /// What constrained decoding holds this task's programs to: MNIST-1D's classifier, or for a CLRS algorithm the
  /// triplet-message function with the shapes the search checks every CLRS program at (`CLRSTaskContract`: a
  /// triplet function is written for any size).
  var programContract: ProgramContract {
    guard clrsAlgorithm != nil else { return .classifier() }
    return .tripletMessages(TripletProgramCheck(contract: CLRSTaskContract.contract(hidden: 16)))
  }
}
