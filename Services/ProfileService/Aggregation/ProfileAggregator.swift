import Contracts

/// What one source says about the user, and its provenance tag
/// ("resume:<source id>", "linkedin:…", "github:…").
struct ProfileContribution: Sendable {
    var source: String
    var document: JSONValue
}

/// The profile and, for every field and entry, the sources it came from
/// (JSON Pointer → tags; the user's own edits are tagged "user").
struct AggregatedProfile: Sendable, Equatable {
    var document: JSONValue
    var provenance: [String: [String]]
}

/// Combines sources and the user's edits into one profile. Sources come in
/// priority order (most recently imported first): for a single fact the first
/// source that has it wins; lists merge entry by entry (one job seen in a
/// résumé and in LinkedIn is one job with both sources' highlights); the
/// user's edits are applied last and always win.
enum ProfileAggregator {
    static let userTag = "user"

    static func aggregate(
        _ contributions: [ProfileContribution], edits: ProfileEdits = ProfileEdits()
    )
        -> AggregatedProfile
    {
        var builder = Builder()
        for contribution in contributions {
            builder.merge(contribution.document.objectMembers, path: "", source: contribution.source)
        }
        builder.apply(edits)
        return builder.finish()
    }

    /// An entry of a list while sources merge into it.
    struct Entry {
        var members: [String: JSONValue]
        var sources: [String]
        var fieldSources: [String: [String]] = [:]
    }

    struct Builder {
        var document = JSONValue.object([:])
        var provenance: [String: [String]] = [:]
        var lists: [String: [Entry]] = [:]

        mutating func merge(_ incoming: [String: JSONValue], path: String, source: String) {
            for (key, rawValue) in incoming.sorted(by: { $0.key < $1.key }) {
                guard let value = rawValue.pruned else { continue }
                let childPath = path + "/" + JSONPointer.escape(key)
                if ProfileSections.isList(childPath) {
                    for item in value.arrayItems ?? [] { mergeEntry(item, list: childPath, source: source) }
                } else if case .object(let members) = value, !ProfileSections.wholeValues.contains(childPath) {
                    merge(members, path: childPath, source: source)
                } else if let existing = existingValue(at: childPath) {
                    if existing == value { provenance[childPath, default: []].append(source) }
                } else {
                    document.set(value, at: childPath)
                    provenance[childPath] = [source]
                }
            }
        }

        func existingValue(at pointer: String) -> JSONValue? {
            var current = document
            for token in JSONPointer.tokens(pointer) {
                guard let next = current[token] else { return nil }
                current = next
            }
            return current
        }

        mutating func mergeEntry(_ item: JSONValue, list: String, source: String) {
            guard case .object(let members) = item, let same = ProfileSections.lists[list] else { return }
            var entries = lists[list, default: []]
            if let index = entries.firstIndex(where: { same(.object($0.members), item) }) {
                EntryMerge.merge(members, into: &entries[index], source: source)
            } else {
                entries.append(
                    Entry(members: members, sources: [source], fieldSources: members.mapValues { _ in [source] }))
            }
            lists[list] = entries
        }

        mutating func apply(_ edits: ProfileEdits) {
            for (pointer, value) in edits.fields.sorted(by: { $0.key < $1.key }) {
                document.set(value, at: pointer)
                for key in provenance.keys where key == pointer || key.hasPrefix(pointer + "/") {
                    provenance[key] = nil
                }
                if value.pruned != nil { provenance[pointer] = [ProfileAggregator.userTag] }
            }
            for (list, removed) in edits.removed {
                guard let same = ProfileSections.lists[list] else { continue }
                lists[list]?.removeAll { entry in removed.contains { same($0, .object(entry.members)) } }
            }
            for (list, added) in edits.entries.sorted(by: { $0.key < $1.key }) {
                guard let same = ProfileSections.lists[list] else { continue }
                for case .object(let members) in added {
                    let entry = Entry(members: members, sources: [ProfileAggregator.userTag])
                    var entries = lists[list, default: []]
                    if let index = entries.firstIndex(where: { same(.object($0.members), .object(members)) }) {
                        entries[index] = entry
                    } else {
                        entries.append(entry)
                    }
                    lists[list] = entries
                }
            }
        }

        mutating func finish() -> AggregatedProfile {
            for (list, unsorted) in lists.sorted(by: { $0.key < $1.key }) {
                let entries = ProfileSections.dated.contains(list) ? EntryOrder.newestFirst(unsorted) : unsorted
                guard !entries.isEmpty else { continue }
                document.set(.array(entries.map { .object($0.members) }), at: list)
                for (index, entry) in entries.enumerated() {
                    let entryPath = "\(list)/\(index)"
                    provenance[entryPath] = entry.sources
                    for (key, sources) in entry.fieldSources where sources != entry.sources {
                        provenance[entryPath + "/" + JSONPointer.escape(key)] = sources
                    }
                }
            }
            return AggregatedProfile(document: document, provenance: provenance)
        }
    }
}
