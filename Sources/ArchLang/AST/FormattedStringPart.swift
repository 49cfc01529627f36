/// A piece of an f-string: literal text or a `{expression!conversion:spec}` replacement field.
public enum FormattedStringPart: Sendable, Hashable {
  case literal(String)
  /// `conversion` is `r`, `s` or `a` when given; `formatSpec` is the text after `:`.
  case replacement(Expression, conversion: Character?, formatSpec: String?)
}
