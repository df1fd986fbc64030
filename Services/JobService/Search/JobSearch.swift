import Contracts
import Database
import Foundation
import ServiceKit

/// `GET /jobs`: a page of open, original postings for a validated query, as
/// the JSON bytes of a `JobSearchPage`: from the cache when an identical
/// search (however spelled) ran since the last ingestion change, else worked
/// out over the in-memory posting index, then cached.
///
/// Matching uses `search_vector` (title, company, skills, description) in
/// PostgreSQL, once per distinct text until postings change (`TextMatches`);
/// ranking is `ts_rank(rank_vector, query, 32)` over title (A), company and
/// skills (B), so a description-only match ranks below the others, by date.
/// `ts_rank` scores a lexeme by its best-weighted occurrence and lets repeats
/// add little, so one title hit (weight A) outranks any number of description
/// mentions (C), and a skill or company hit (B) sits between; `ts_rank_cd`
/// sums cover densities, so a description repeating a word can outrank a
/// title, and it costs more. Normalisation 32 (`rank/(rank+1)`) keeps ranks in
/// 0–1 without changing their order. Ties fall back to the newest posting,
/// then the id, so the order is total and keyset pages are exact. Filters,
/// the page, the total and the facets come from `IndexedSearch`; only the
/// page's postings are read from PostgreSQL.
struct JobSearch: Sendable {
    /// A response body and whether the cache supplied it.
    struct Answer: Sendable {
        var body: [UInt8]
        var fromCache: Bool
    }

    let database: DatabasePool
    let index: PostingIndex
    let textMatches: TextMatches
    let listings = ListingCache()
    let cache: SearchCache
    let coalescer: SearchCoalescer

    init(
        database: DatabasePool, index: PostingIndex, cache: SearchCache, coalescer: SearchCoalescer = SearchCoalescer()
    ) {
        self.database = database
        self.index = index
        self.textMatches = TextMatches(database: database)
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

    /// The page for `query`: from the cache unless `revalidate` (the client
    /// sent `Cache-Control: no-cache`), else worked out and then cached.
    func search(_ query: JobSearchQuery, revalidate: Bool = false) async throws -> Answer {
        let generation = await cache.generation()
        if !revalidate, let generation,
            let body = await cache.get(cache.pageKey(query.pageHash, generation: generation))
        {
            return Answer(body: body, fromCache: true)
        }
        let flight = "\(generation.map(String.init) ?? "uncached"):\(query.pageHash)"
        let body = try await coalescer.run(flight) { try await self.run(query, generation: generation) }
        return Answer(body: body, fromCache: false)
    }

    /// Works the search out over the index, reads the page's postings, and
    /// caches the page under `generation`.
    private func run(_ query: JobSearchQuery, generation: Int?) async throws -> [UInt8] {
        let snapshot = try await index.current()
        var matches: TextMatches.MatchSet?
        if let text = query.text { matches = try await textMatches.matches(text, in: snapshot) }
        let outcome = IndexedSearch(query, snapshot: snapshot).run(matches: matches)
        let hasMore = outcome.slots.count > query.limit
        let shown = outcome.slots.prefix(query.limit)
        let ids = shown.map { snapshot.postings[Int($0)].id }
        let listings = try await self.listings(ids, version: snapshot.version)
        let items = ids.compactMap { listings[$0] }
        var nextCursor: String?
        if hasMore, let last = shown.last {
            let posting = snapshot.postings[Int(last)]
            nextCursor =
                SearchCursor(
                    rank: outcome.ranks.map { Double($0[shown.count - 1]) }, sortMicros: posting.sortMicros,
                    id: posting.id, fingerprint: query.fingerprint
                ).text
        }
        let body = SearchPageJSON.body(
            items: items, nextCursor: nextCursor, total: outcome.total, facets: outcome.facets)
        if let generation { await cache.put(cache.pageKey(query.pageHash, generation: generation), body) }
        return body
    }

    /// The postings with `ids` as lists show them, encoded, by id: from the
    /// listing cache, the rest read in one statement (a posting closed since
    /// the snapshot is still shown on this page).
    private func listings(_ ids: [UUID], version: Int) async throws -> [UUID: [UInt8]] {
        var listings = listings.listings(ids, version: version)
        let missing = ids.filter { listings[$0] == nil }
        guard !missing.isEmpty else { return listings }
        let rows = try await database.query(
            "SELECT \(unsafeRaw: PostingColumns.listing) FROM postings WHERE id = ANY(\(missing))")
        var read: [UUID: [UInt8]] = [:]
        for row in rows {
            var job = try PostingColumns.job(from: row)
            job.description = job.description.map(ListingDescription.shortened)
            read[try row.decode("id")] = Array(try Self.encoder.encode(job))
        }
        self.listings.store(read, version: version)
        listings.merge(read) { $1 }
        return listings
    }
}
