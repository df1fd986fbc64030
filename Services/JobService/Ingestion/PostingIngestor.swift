import Foundation
import Logging
import NIOPosix
import Taxonomy

/// The one path every posting takes into the database (the scheduler, an admin
/// import, the sample loader): normalise each draft, store the batch, and tell
/// the search cache when anything changed.
struct PostingIngestor: Sendable {
    /// Drafts per thread-pool job: big enough to amortise the hop, small enough
    /// that a large board spreads over several threads.
    static let chunkSize = 64

    let store: PostingStore
    let normalizer: PostingNormalizer
    let taxonomy: Taxonomy
    let onChange: @Sendable () async -> Void
    var logger: Logger

    init(
        store: PostingStore, normalizer: PostingNormalizer, taxonomy: Taxonomy,
        onChange: @escaping @Sendable () async -> Void, logger: Logger = Logger(label: "job-service.ingestion")
    ) {
        self.store = store
        self.normalizer = normalizer
        self.taxonomy = taxonomy
        self.onChange = onChange
        self.logger = logger
    }

    /// Normalises and saves `drafts`. With `sourceKey` and `closeMissing`, the
    /// source's open postings not among them are closed, except when every
    /// draft was rejected: a board sending only malformed rows has not emptied,
    /// so its postings stay open. (An empty `drafts` is a board that really
    /// lists nothing, and closes them.)
    func ingest(_ drafts: [PostingDraft], sourceKey: String?, closeMissing: Bool) async throws -> IngestReport {
        let now = Date()
        let normalized = try await normalize(drafts, now: now)
        var report = IngestReport(received: drafts.count)
        var postings: [NormalizedPosting] = []
        var skillTexts: [String: String] = [:]
        postings.reserveCapacity(drafts.count)
        for (draft, outcome) in zip(drafts, normalized) {
            switch outcome {
            case .success(let entry):
                postings.append(entry.posting)
                skillTexts[Self.key(entry.posting)] = entry.skillText
            case .failure(let rejection):
                report.rejected.append(RejectedRow(reference: Self.reference(draft), reason: rejection.description))
            }
        }
        let wipesEverything = postings.isEmpty && !drafts.isEmpty
        if closeMissing, wipesEverything, let sourceKey {
            logger.warning(
                "every posting of a source was rejected; its open postings stay open",
                metadata: ["source": .string(sourceKey), "rejected": .stringConvertible(report.rejected.count)])
        }
        let counts = try await store.save(
            postings, skillText: { skillTexts[Self.key($0)] ?? "" }, sourceKey: sourceKey,
            closeMissing: closeMissing && !wipesEverything, now: now)
        report.created = counts.created
        report.updated = counts.updated
        report.unchanged = counts.unchanged
        report.closed = counts.closed
        if counts.changed { await onChange() }
        return report
    }

    /// A normalised posting and its skills' search text, both computed off the
    /// cooperative pool.
    struct Normalized: Sendable {
        var posting: NormalizedPosting
        var skillText: String
    }

    /// Normalises `drafts` in order on NIO's blocking thread pool: HTML
    /// sanitising and skill reading are CPU work that would stall the
    /// cooperative pool (and every request on it) for a large board. At most
    /// half the cores work on one batch, so other blocking work still gets threads.
    func normalize(
        _ drafts: [PostingDraft], now: Date
    ) async throws -> [Result<Normalized, PostingRejection>] {
        let chunks = stride(from: 0, to: drafts.count, by: Self.chunkSize).map {
            Array(drafts[$0..<min($0 + Self.chunkSize, drafts.count)])
        }
        let parallel = max(1, ProcessInfo.processInfo.activeProcessorCount / 2)
        let normalizer = normalizer
        let taxonomy = taxonomy
        return try await withThrowingTaskGroup(of: (Int, [Result<Normalized, PostingRejection>]).self) { group in
            var results = [[Result<Normalized, PostingRejection>]](repeating: [], count: chunks.count)
            var next = 0
            func addChunk() {
                let index = next
                let chunk = chunks[index]
                next += 1
                group.addTask {
                    let normalized = try await NIOThreadPool.singleton.runIfActive {
                        chunk.map { Self.normalize($0, normalizer: normalizer, taxonomy: taxonomy, now: now) }
                    }
                    return (index, normalized)
                }
            }
            while next < min(parallel, chunks.count) { addChunk() }
            while let (index, normalized) = try await group.next() {
                results[index] = normalized
                if next < chunks.count { addChunk() }
            }
            return results.flatMap { $0 }
        }
    }

    private static func normalize(
        _ draft: PostingDraft, normalizer: PostingNormalizer, taxonomy: Taxonomy, now: Date
    ) -> Result<Normalized, PostingRejection> {
        do {
            let posting = try normalizer.normalize(draft, now: now)
            return .success(
                Normalized(
                    posting: posting, skillText: PostingSkills.searchText(for: posting.skillIds, taxonomy: taxonomy)))
        } catch let rejection as PostingRejection {
            return .failure(rejection)
        } catch {
            return .failure(PostingRejection("posting", "\(error)"))
        }
    }

    /// How a person finds the draft at its board: its id and title.
    static func reference(_ draft: PostingDraft) -> String {
        let id = draft.externalId.trimmingCharacters(in: .whitespacesAndNewlines)
        let title = draft.title.trimmingCharacters(in: .whitespacesAndNewlines)
        switch (id.isEmpty, title.isEmpty) {
        case (false, false): return "\(id) (\(title))"
        case (false, true): return id
        case (true, false): return title
        case (true, true): return "a row without id or title"
        }
    }

    private static func key(_ posting: NormalizedPosting) -> String {
        posting.source + "\u{1F}" + posting.externalId
    }
}
