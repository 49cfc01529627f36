import SwiftCompilerPlugin
import SwiftDiagnostics
import SwiftSyntax
import SwiftSyntaxMacros

/// The implementation of `@MemberwiseInit` (its declaration, in the `MemberwiseInit` target, states the rules).
public struct MemberwiseInitMacro: MemberMacro {
  public static func expansion(
    of node: AttributeSyntax, providingMembersOf declaration: some DeclGroupSyntax,
    conformingTo protocols: [TypeSyntax], in context: some MacroExpansionContext
  ) throws -> [DeclSyntax] {
    guard let structure = declaration.as(StructDeclSyntax.self) else {
      throw MacroExpansionErrorMessage("@MemberwiseInit applies to structs")
    }
    let parameters = try structure.memberBlock.members.flatMap { member -> [StoredProperty] in
      guard let variable = member.decl.as(VariableDeclSyntax.self) else { return [] }
      return try StoredProperty.all(in: variable)
    }
    let access = structure.modifiers.first { $0.isAccessLevel }.map { "\($0.initializerAccess) " } ?? ""
    let signature = parameters.map(\.parameter).joined(separator: ", ")
    let body = parameters.map { "self.\($0.name) = \($0.name)" }.joined(separator: "\n")
    return ["\(raw: access)init(\(raw: signature)) {\n\(raw: body)\n}"]
  }
}

/// A stored property that the memberwise initialiser sets.
struct StoredProperty {
  let name: String
  let type: TypeSyntax
  let defaultValue: String?

  /// The initialiser's parameter: `name: Type = default`.
  var parameter: String {
    let escaping = type.isFunction ? "@escaping " : ""
    let suffix = defaultValue.map { " = \($0)" } ?? ""
    return "\(name): \(escaping)\(type.trimmedDescription)\(suffix)"
  }

  /// The properties one declaration stores and the initialiser sets (none for computed, static or lazy ones, nor
  /// for a `let` that has its value).
  static func all(in variable: VariableDeclSyntax) throws -> [StoredProperty] {
    let skipped: Set<String> = ["static", "class", "lazy"]
    guard !variable.modifiers.contains(where: { skipped.contains($0.name.text) }) else { return [] }
    let isConstant = variable.bindingSpecifier.tokenKind == .keyword(.let)
    var properties: [StoredProperty] = []
    var pendingNames: [String] = []  // `var a, b: Int`: the type comes after the last name
    for binding in variable.bindings {
      guard binding.accessorBlock?.isComputed != true else { return [] }
      guard let name = binding.pattern.as(IdentifierPatternSyntax.self)?.identifier.trimmedDescription else {
        throw MacroExpansionErrorMessage("@MemberwiseInit needs one name per stored property")
      }
      if isConstant && binding.initializer != nil { continue }  // a `let` that has its value
      guard let type = binding.typeAnnotation?.type else {
        if binding.initializer != nil {
          throw MacroExpansionErrorMessage("@MemberwiseInit needs the type of '\(name)' written out")
        }
        pendingNames.append(name)
        continue
      }
      for pending in pendingNames + [name] {
        let value = binding.initializer?.value.trimmedDescription ?? (isConstant || !type.isOptional ? nil : "nil")
        properties.append(StoredProperty(name: pending, type: type, defaultValue: value))
      }
      pendingNames = []
    }
    guard pendingNames.isEmpty else {
      throw MacroExpansionErrorMessage("@MemberwiseInit needs the type of '\(pendingNames[0])' written out")
    }
    return properties
  }
}

extension AccessorBlockSyntax {
  /// Whether the block computes the value (`get`, a bare body) rather than observing a stored one (`willSet`,
  /// `didSet`).
  fileprivate var isComputed: Bool {
    guard case .accessors(let accessors) = accessors else { return true }
    return accessors.contains { !["willSet", "didSet"].contains($0.accessorSpecifier.text) }
  }
}

extension TypeSyntax {
  fileprivate var isOptional: Bool {
    if self.is(OptionalTypeSyntax.self) || self.is(ImplicitlyUnwrappedOptionalTypeSyntax.self) { return true }
    return self.as(IdentifierTypeSyntax.self)?.name.text == "Optional"
  }

  fileprivate var isFunction: Bool {
    if self.is(FunctionTypeSyntax.self) { return true }
    return self.as(AttributedTypeSyntax.self)?.baseType.isFunction ?? false
  }
}

extension DeclModifierSyntax {
  fileprivate var isAccessLevel: Bool {
    ["public", "package", "internal", "fileprivate", "private"].contains(name.text) && detail == nil
  }

  /// The initialiser's access for a struct with this access: a `private` struct's members need `fileprivate` to be
  /// callable where the struct is visible, as the compiler's own initialiser is.
  fileprivate var initializerAccess: String { name.text == "private" ? "fileprivate" : name.text }
}

@main struct MemberwiseInitPlugin: CompilerPlugin {
  let providingMacros: [Macro.Type] = [MemberwiseInitMacro.self]
}
