import Contracts

/// The user's own changes, kept apart from what sources said so that they win
/// over every import, survive re-imports and stay when a source is deleted.
/// They are the difference between the imported profile and the one the user
/// saved: fields they set or cleared, entries they added or changed, entries
/// they removed (kept whole, so a later import of the same job stays removed).
struct ProfileEdits: Codable, Sendable, Equatable {
    /// JSON Pointer → value; `null` means the user cleared it.
    var fields: [String: JSONValue] = [:]
    /// List path ("/work") → entries the user added or changed, whole.
    var entries: [String: [JSONValue]] = [:]
    /// List path → entries the user removed.
    var removed: [String: [JSONValue]] = [:]

    var isEmpty: Bool { fields.isEmpty && entries.isEmpty && removed.isEmpty }

    /// The edits that turn `imported` (the sources' profile) into `saved`.
    init(imported: JSONValue, saved: JSONValue) {
        for difference in ProfileDifferences(from: imported, to: saved).items {
            switch difference {
            case .field(let path, let value): fields[path] = value
            case .entryAdded(let list, let entry), .entryChanged(let list, let entry):
                entries[list, default: []].append(entry)
            case .entryRemoved(let list, let entry): removed[list, default: []].append(entry)
            }
        }
    }

    init() {}

    enum CodingKeys: String, CodingKey {
        case fields, entries, removed
        /// A whole document saved before sources existed (migration 0003): all of it is the user's.
        case saved
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let saved = try container.decodeIfPresent(JSONValue.self, forKey: .saved) {
            self.init(imported: .object([:]), saved: saved)
            return
        }
        self.init()
        fields = try container.decodeIfPresent([String: JSONValue].self, forKey: .fields) ?? [:]
        entries = try container.decodeIfPresent([String: [JSONValue]].self, forKey: .entries) ?? [:]
        removed = try container.decodeIfPresent([String: [JSONValue]].self, forKey: .removed) ?? [:]
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(fields, forKey: .fields)
        try container.encode(entries, forKey: .entries)
        try container.encode(removed, forKey: .removed)
    }
}
