import Contracts

/// JSON Merge Patch (RFC 7396): objects merge key by key, `null` removes a
/// key, anything else (arrays included) replaces the target value.
enum MergePatch {
    static func apply(_ patch: JSONValue, to target: JSONValue) -> JSONValue {
        guard case .object(let changes) = patch else { return patch }
        var members = target.objectMembers
        for (key, change) in changes {
            if case .null = change {
                members[key] = nil
            } else {
                members[key] = apply(change, to: members[key] ?? .null)
            }
        }
        return .object(members)
    }
}
