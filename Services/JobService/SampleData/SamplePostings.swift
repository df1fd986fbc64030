import Foundation

/// The bundled sample postings (`Resources/sample-postings.json`, written by
/// `scripts/fixtures/make-sample-jobs.py`): fictional openings, each marked as
/// sample data, so a deployment without network still has postings to search.
enum SamplePostings {
    static let fileName = "sample-postings.json"
    /// The `source` of every sample posting, and the source key they are stored under.
    static let source = "sample"
    /// The note every sample description opens with, as the reader sees it.
    static let marker = "Sample posting bundled with CareerGini — not a real opening."

    enum LoadError: Error, CustomStringConvertible {
        case missing

        var description: String { "the bundled \(SamplePostings.fileName) is missing from the job-service bundle" }
    }

    /// The bundled drafts, dated as generated.
    static func bundled(in bundle: Bundle = JobServiceResources.bundle) throws -> [PostingDraft] {
        guard let url = bundle.url(forResource: fileName, withExtension: nil, subdirectory: "Resources") else {
            throw LoadError.missing
        }
        return try decode(Data(contentsOf: url))
    }

    static func decode(_ data: Data) throws -> [PostingDraft] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode([PostingDraft].self, from: data)
    }

    /// `drafts` moved in time so the newest was posted at `now`, each keeping
    /// its age relative to the others: the sample never looks weeks old.
    static func shifted(_ drafts: [PostingDraft], newestAt now: Date) -> [PostingDraft] {
        guard let newest = drafts.compactMap(\.postedAt).max() else { return drafts }
        let offset = now.timeIntervalSince(newest)
        return drafts.map { draft in
            var draft = draft
            draft.postedAt = draft.postedAt?.addingTimeInterval(offset)
            draft.updatedAt = draft.updatedAt?.addingTimeInterval(offset)
            return draft
        }
    }
}
