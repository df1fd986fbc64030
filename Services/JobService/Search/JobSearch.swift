import Contracts
import Database
import Foundation

/// `GET /jobs`: a page of open, original postings for a validated query, as
/// the JSON bytes of a `JobSearchPage`: from the cache when an identical
/// search (however spelled) ran since the last ingestion change, else from
/// PostgreSQL in one statement, then cached.
///
/// Matching uses `search_vector` (title, company, skills, description);
/// ranking `ts_rank(rank_vector, query, 32)` over title (A), company and
/// skills (B), so a description-only match ranks below the others, by date.
/// `ts_rank` scores a lexeme by
/// its best-weighted occurrence and lets repeats add little, so one title hit
/// (weight A) outranks any number of description mentions (C), and a skill
/// or company hit (B) sits between; `ts_rank_cd` sums cover densities, so a
/// description repeating a word can outrank a title, and it costs more
/// (measured: about 25% more per match). Normalisation 32 (`rank/(rank+1)`)
/// keeps ranks in 0–1 without changing their order. Ties fall back to the
/// newest posting, then the id, so the order is total and keyset pages are exact.
struct JobSearch: Sendable {
    /// A response body and whether the cache supplied it.
    struct Answer: Sendable {
        var body: [UInt8]
        var fromCache: Bool
    }

    let database: DatabasePool
    let cache: SearchCache
    let coalescer: SearchCoalescer

    init(database: DatabasePool, cache: SearchCache, coalescer: SearchCoalescer = SearchCoalescer()) {
        self.database = database
        self.cache = cache
        self.coalescer = coalescer
    }

    /// The same configuration as `JSONResponse`, so cached bytes are what any
    /// other route would have sent.
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    func search(_ query: JobSearchQuery) async throws -> Answer {
        let generation = await cache.generation()
        if let generation, let body = await cache.get(cache.pageKey(query.pageHash, generation: generation)) {
            return Answer(body: body, fromCache: true)
        }
        let flight = "\(generation.map(String.init) ?? "uncached"):\(query.pageHash)"
        let body = try await coalescer.run(flight) { try await self.run(query, generation: generation) }
        return Answer(body: body, fromCache: false)
    }

    /// Runs the search in PostgreSQL and caches the page (and, computed with it,
    /// the summary) under `generation`.
    private func run(_ query: JobSearchQuery, generation: Int?) async throws -> [UInt8] {
        var known: SearchSummary?
        if query.cursor != nil, let generation,
            let bytes = await cache.get(cache.summaryKey(query.fingerprint, generation: generation))
        {
            known = try? JSONDecoder().decode(SearchSummary.self, from: Data(bytes))
        }
        let rows = try await database.query(SearchStatement.make(query, summary: known == nil))
        var summary = known
        var items: [Job] = []
        var last: SearchCursor?
        var found = 0
        for row in rows {
            if summary == nil {
                summary = SearchSummary(
                    total: try row.decode(Int.self, "summary_total"),
                    facets: try row.decode(JSONB<JobFacets>.self, "summary_facets").value)
            }
            // The one row of an empty page carries only the summary.
            guard !row.isNull("id") else { continue }
            found += 1
            // The row past the limit only says that a next page exists.
            guard found <= query.limit else { continue }
            var job = try PostingColumns.job(from: row)
            job.description = job.description.map(ListingDescription.shortened)
            items.append(job)
            last = SearchCursor(
                rank: try row.decode(Double?.self, "page_rank"), sortMicros: try row.decode("page_sort_micros"),
                id: try row.decode(UUID.self, "id"), fingerprint: query.fingerprint)
        }
        let hasMore = found > query.limit
        let page = JobSearchPage(
            items: items, nextCursor: hasMore ? last?.text : nil, total: summary?.total ?? 0,
            facets: summary?.facets ?? JobFacets())
        let body = Array(try Self.encoder.encode(page))
        if let generation {
            await cache.put(cache.pageKey(query.pageHash, generation: generation), body)
            if known == nil, let summary, let bytes = try? Self.encoder.encode(summary) {
                await cache.put(cache.summaryKey(query.fingerprint, generation: generation), Array(bytes))
            }
        }
        return body
    }
}
