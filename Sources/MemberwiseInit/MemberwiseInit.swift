/// Gives a struct the memberwise initialiser Swift would synthesise, at the struct's own access level.
///
/// Swift synthesises that initialiser only as `internal`, so a public struct that other modules build (the session
/// log's events, settings, reports) had it written out by hand: a parameter list and a line `self.name = name` per
/// field, kept in step with the fields. With `@MemberwiseInit` the fields are the one place to edit. The rules are
/// the compiler's: one parameter per stored property in declaration order; a `var`'s initial value becomes the
/// parameter's default, and an optional `var` without one defaults to `nil`; a `let` that has its value is not a
/// parameter.
@attached(member, names: named(init))
public macro MemberwiseInit() = #externalMacro(module: "MemberwiseInitMacros", type: "MemberwiseInitMacro")
