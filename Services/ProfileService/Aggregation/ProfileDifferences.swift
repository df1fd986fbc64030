import Contracts
import Foundation

/// What differs between two profile documents, section by section: changed
/// fields, and list entries added, changed or removed (entries matched by
/// their section's rule). User edits and import reports are both made of this.
struct ProfileDifferences: Sendable, Equatable {
    enum Difference: Sendable, Equatable {
        /// A field whose value differs; `.null` when the second document lacks it.
        case field(path: String, value: JSONValue)
        case entryAdded(list: String, entry: JSONValue)
        case entryChanged(list: String, entry: JSONValue)
        case entryRemoved(list: String, entry: JSONValue)
    }

    var items: [Difference] = []

    var isEmpty: Bool { items.isEmpty }

    init(from before: JSONValue, to after: JSONValue) {
        walk(before.objectMembers, after.objectMembers, path: "")
    }

    private mutating func walk(_ before: [String: JSONValue], _ after: [String: JSONValue], path: String) {
        for key in Set(before.keys).union(after.keys).sorted() {
            let childPath = path + "/" + JSONPointer.escape(key)
            let old = before[key]?.pruned
            let new = after[key]?.pruned
            if ProfileSections.isList(childPath) {
                walkList(old?.arrayItems ?? [], new?.arrayItems ?? [], list: childPath)
            } else if !ProfileSections.wholeValues.contains(childPath), old?.isObject ?? true, new?.isObject ?? true,
                old != nil || new != nil
            {
                walk(old?.objectMembers ?? [:], new?.objectMembers ?? [:], path: childPath)
            } else if old != new {
                items.append(.field(path: childPath, value: new ?? .null))
            }
        }
    }

    private mutating func walkList(_ before: [JSONValue], _ after: [JSONValue], list: String) {
        guard let same = ProfileSections.lists[list] else { return }
        var unmatched = before
        for entry in after {
            if let index = unmatched.firstIndex(where: { same($0, entry) }) {
                if unmatched[index] != entry { items.append(.entryChanged(list: list, entry: entry)) }
                unmatched.remove(at: index)
            } else {
                items.append(.entryAdded(list: list, entry: entry))
            }
        }
        items += unmatched.map { .entryRemoved(list: list, entry: $0) }
    }

    /// Counts per section for an import report: "work" +2, "x-careergini/skills" +5.
    var summary: ProfileChangeSummary {
        var summary = ProfileChangeSummary()
        for item in items {
            switch item {
            case .field(let path, _): summary.updatedFields.append(path)
            case .entryAdded(let list, _): summary.added[Self.section(list), default: 0] += 1
            case .entryChanged(let list, _): summary.changed[Self.section(list), default: 0] += 1
            case .entryRemoved(let list, _): summary.removed[Self.section(list), default: 0] += 1
            }
        }
        return summary
    }

    static func section(_ list: String) -> String {
        String(list.dropFirst())
    }
}

/// JSON Pointer (RFC 6901) pieces.
enum JSONPointer {
    static func escape(_ key: String) -> String {
        key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    static func unescape(_ token: Substring) -> String {
        token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
    }

    static func tokens(_ pointer: String) -> [String] {
        pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(unescape)
    }
}

extension JSONValue {
    var objectMembers: [String: JSONValue] {
        if case .object(let members) = self { return members }
        return [:]
    }

    var arrayItems: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    var isObject: Bool {
        if case .object = self { return true }
        return false
    }

    /// The value without nulls, empty strings, lists and objects anywhere in it,
    /// or nil when nothing is left: "absent" and "empty" are the same fact.
    var pruned: JSONValue? {
        switch self {
        case .null: return nil
        case .string(let text): return text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : self
        case .bool, .number: return self
        case .array(let items):
            let kept = items.compactMap(\.pruned)
            return kept.isEmpty ? nil : .array(kept)
        case .object(let members):
            let kept = members.compactMapValues(\.pruned)
            return kept.isEmpty ? nil : .object(kept)
        }
    }

    /// Sets (or, for `.null`, removes) the value at a JSON Pointer made of object
    /// keys, creating objects on the way.
    mutating func set(_ value: JSONValue, at pointer: String) {
        set(value, tokens: JSONPointer.tokens(pointer)[...])
    }

    private mutating func set(_ value: JSONValue, tokens: ArraySlice<String>) {
        guard let key = tokens.first else {
            self = value
            return
        }
        var members = objectMembers
        if tokens.count == 1 {
            if case .null = value { members[key] = nil } else { members[key] = value }
        } else {
            var child = members[key] ?? .object([:])
            child.set(value, tokens: tokens.dropFirst())
            members[key] = child.pruned == nil ? nil : child
        }
        self = .object(members)
    }
}
