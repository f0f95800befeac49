/// A view model turned, once per render, into dictionaries and arrays that swift-mustache reads by
/// key. Left as they are, view models are read through `Mirror` at every tag, and every lookup of a
/// name walks all the fields of each context on the stack: more than half of a page's time went
/// there. A `nil` field is left out, which swift-mustache treats exactly as it treats `nil`.
enum RenderTree {
    static func make(_ value: Any) -> Any? {
        switch value {
        case is String, is Substring, is Bool, is Int, is Double, is [String: String]:
            return value
        default:
            break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            return mirror.children.first.flatMap { make($0.value) }
        case .collection, .set:
            return mirror.children.compactMap { make($0.value) }
        case .struct, .class:
            var fields: [String: Any] = [:]
            for child in mirror.children {
                if let label = child.label, let field = make(child.value) { fields[label] = field }
            }
            return fields
        default:
            return value
        }
    }
}
