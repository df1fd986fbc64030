import Foundation

/// A row a connector refuses to turn into a posting, with why.
struct RowRejection: Error, Sendable, Equatable {
    var reason: String

    init(_ reason: String) { self.reason = reason }
}

/// Gathers the postings of one fetch across its pages: each row mapped on its
/// own (a failure rejects that row only), rows numbered across pages so a
/// rejected one can be found, and a posting a shifting page repeats kept once.
struct PostingCollector {
    private(set) var postings: [PostingDraft] = []
    private(set) var rejected: [RejectedRow] = []
    private var indexById: [String: Int] = [:]
    /// Rows seen so far, across pages.
    private(set) var rowCount = 0

    /// Maps one row; `map` returns nil for a row the board lists but does not
    /// publish (an unlisted posting, a legal notice), which is neither kept nor rejected.
    mutating func add<Wire>(_ row: BoardRow<Wire>, _ map: (Wire) throws(RowRejection) -> PostingDraft?) {
        rowCount += 1
        let reference = row.handle.map { "row \(rowCount) (id \($0))" } ?? "row \(rowCount)"
        let draft: PostingDraft
        switch row.result {
        case .failure(let failure):
            rejected.append(RejectedRow(reference: reference, reason: failure.reason))
            return
        case .success(let wire):
            do {
                guard let mapped = try map(wire) else { return }
                draft = mapped
            } catch {
                rejected.append(RejectedRow(reference: reference, reason: error.reason))
                return
            }
        }
        if let earlier = indexById[draft.externalId] {
            // Offset paging repeats a row when the board changes between pages; an
            // identical repeat is that, a different one is the board's mistake.
            if postings[earlier] != draft {
                rejected.append(
                    RejectedRow(reference: reference, reason: "repeats the id '\(draft.externalId)' of an earlier row"))
            }
            return
        }
        indexById[draft.externalId] = postings.count
        postings.append(draft)
    }

    func fetch(requests: Int) -> ConnectorFetch {
        ConnectorFetch(postings: postings, rejected: rejected, requests: requests)
    }
}

/// Checks every connector makes of a row before it becomes a posting.
enum RowCheck {
    /// The trimmed text, or a rejection naming the field when it is missing or blank.
    static func required(_ value: String?, _ field: String) throws(RowRejection) -> String {
        guard let text = nonBlank(value) else { throw RowRejection("has no \(field)") }
        return text
    }

    /// The trimmed text, nil when missing or blank.
    static func nonBlank(_ value: String?) -> String? {
        guard let text = value?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }

    /// Non-blank values, trimmed, each once, in order.
    static func distinct(_ values: [String?]) -> [String] {
        var seen: Set<String> = []
        var result: [String] = []
        for case let text? in values.map(nonBlank) where seen.insert(text.lowercased()).inserted {
            result.append(text)
        }
        return result
    }
}
