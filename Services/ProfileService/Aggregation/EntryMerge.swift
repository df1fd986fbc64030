import Contracts

/// Two sources describing the same entry (one job, one skill) become one: each
/// field keeps the higher-priority source's value unless only the other has
/// one; lists of text (highlights, keywords) and skill evidence are united;
/// a more precise date ("2020-03" over "2020") and the latest use win.
enum EntryMerge {
    static func merge(
        _ incoming: [String: JSONValue], into entry: inout ProfileAggregator.Entry, source: String
    ) {
        var contributed = false
        for (key, rawValue) in incoming {
            guard let value = rawValue.pruned else { continue }
            guard let existing = entry.members[key]?.pruned else {
                entry.members[key] = value
                entry.fieldSources[key] = [source]
                contributed = true
                continue
            }
            let merged = combine(key: key, existing, value)
            if merged != existing {
                entry.members[key] = merged
                entry.fieldSources[key, default: []].append(source)
                contributed = true
            } else if value == existing {
                entry.fieldSources[key, default: []].append(source)
                contributed = true
            }
        }
        if contributed, !entry.sources.contains(source) { entry.sources.append(source) }
    }

    static func combine(key: String, _ existing: JSONValue, _ incoming: JSONValue) -> JSONValue {
        switch (key, existing, incoming) {
        case ("evidence", .array(let old), .array(let new)):
            return .array(unite(old, new) { [$0["source"]?.stringValue, $0["text"]?.stringValue] })
        case (_, .array(let old), .array(let new)):
            return .array(unite(old, new) { [ProfileSections.normalised($0.stringValue) ?? "\($0)"] })
        case ("startDate", .string(let old), .string(let new)), ("endDate", .string(let old), .string(let new)):
            return .string(moreExact(old, new))
        case ("lastUsed", .string(let old), .string(let new)):
            return .string(
                (PartialDate.month(new) ?? 0) > (PartialDate.month(old) ?? 0) ? new : old)
        case ("years", .number(let old), .number(let new)), ("level", .number(let old), .number(let new)):
            return .number(max(old, new))
        default:
            return existing
        }
    }

    /// The same date written more precisely: "2020" and "2020-03" → "2020-03".
    static func moreExact(_ old: String, _ new: String) -> String {
        new.count > old.count && new.hasPrefix(old) ? new : old
    }

    static func unite(_ old: [JSONValue], _ new: [JSONValue], key: (JSONValue) -> [String?]) -> [JSONValue] {
        var seen = Set(old.map { key($0).map { $0 ?? "" }.joined(separator: "\u{1F}") })
        var result = old
        for item in new where seen.insert(key(item).map { $0 ?? "" }.joined(separator: "\u{1F}")).inserted {
            result.append(item)
        }
        return result
    }
}

/// Dated lists read newest first: current entries, then by end date, then start.
enum EntryOrder {
    static func newestFirst(_ entries: [ProfileAggregator.Entry]) -> [ProfileAggregator.Entry] {
        func key(_ entry: ProfileAggregator.Entry) -> (Int, Int) {
            let start = PartialDate.month(entry.members["startDate"]?.stringValue) ?? Int.min / 2
            let end = PartialDate.month(entry.members["endDate"]?.stringValue, asEnd: true) ?? Int.max / 2
            return (end, start)
        }
        return entries.enumerated().sorted { first, second in
            let a = key(first.element)
            let b = key(second.element)
            if a != b { return a > b }
            return first.offset < second.offset
        }.map(\.element)
    }
}
