import Foundation
import NIOPosix

/// An admin's import of postings (`POST /jobs/import`): read the body, check
/// every row, and save the good ones through the ingestor, the one path
/// postings take into the database. Bad rows are reported by row number, from
/// validation and from the normaliser alike; they never stop the good ones.
struct PostingImporter: Sendable {
    let ingestor: PostingIngestor

    /// The rows that passed validation, with where each came from.
    struct Prepared: Sendable {
        var received = 0
        var drafts: [(row: Int, draft: PostingDraft)] = []
        var rejected: [PostingImportReport.Rejection] = []
    }

    func importPostings(_ body: [UInt8], format: PostingImportParser.Format) async throws -> PostingImportReport {
        // Parsing and checking up to 10,000 rows is CPU work: off the cooperative pool.
        let prepared = try await NIOThreadPool.singleton.runIfActive { try Self.prepare(body, format: format) }
        var report = PostingImportReport(received: prepared.received, rejected: prepared.rejected)
        if !prepared.drafts.isEmpty {
            let ingested = try await ingestor.ingest(
                prepared.drafts.map(\.draft), sourceKey: nil, closeMissing: false)
            report.created = ingested.created
            report.updated = ingested.updated
            report.unchanged = ingested.unchanged
            report.rejected += Self.rejections(ingested.rejected, of: prepared.drafts)
        }
        report.rejected = report.rejected.enumerated()
            .sorted { ($0.element.row, $0.offset) < ($1.element.row, $1.offset) }
            .map(\.element)
        return report
    }

    static func prepare(_ body: [UInt8], format: PostingImportParser.Format) throws -> Prepared {
        let parsed = try PostingImportParser.parse(body, format: format)
        var prepared = Prepared(received: parsed.received, rejected: parsed.rejected)
        var firstRow: [String: Int] = [:]
        for row in parsed.rows {
            let outcome = PostingImportValidator.validate(row)
            guard let draft = outcome.draft else {
                prepared.rejected += outcome.problems
                continue
            }
            // Two rows for one posting would have the later silently replace the
            // earlier in the same save: the later is reported instead.
            let key = draft.source + "\u{1F}" + draft.externalId
            if let earlier = firstRow[key] {
                prepared.rejected.append(
                    .init(
                        row: row.number, field: PostingImportField.externalId.rawValue, reason: "repeats row \(earlier)"
                    ))
                continue
            }
            firstRow[key] = row.number
            prepared.drafts.append((row.number, draft))
        }
        return prepared
    }

    /// The normaliser's rejections against the rows they came from. The
    /// ingestor reports them in draft order, each by `PostingIngestor.reference`,
    /// so each is the next draft with that reference.
    static func rejections(
        _ rejected: [RejectedRow], of drafts: [(row: Int, draft: PostingDraft)]
    ) -> [PostingImportReport.Rejection] {
        var next = drafts.startIndex
        var found: [PostingImportReport.Rejection] = []
        for rejection in rejected {
            let (field, reason) = fieldAndReason(rejection.reason)
            guard
                let index = drafts[next...].firstIndex(where: {
                    PostingIngestor.reference($0.draft) == rejection.reference
                })
            else {
                // Not expected: the ingestor names only drafts it was given.
                found.append(.init(row: -1, field: field, reason: "\(rejection.reference): \(reason)"))
                continue
            }
            found.append(.init(row: drafts[index].row, field: field, reason: reason))
            next = drafts.index(after: index)
        }
        return found
    }

    /// "applyUrl: is not …" (`PostingRejection.description`) as the import field and the reason.
    static func fieldAndReason(_ text: String) -> (String?, String) {
        guard let colon = text.range(of: ": ") else { return (nil, text) }
        let name = String(text[..<colon.lowerBound])
        guard let field = PostingImportField(draftField: name) else { return (nil, text) }
        return (field.rawValue, String(text[colon.upperBound...]))
    }
}
