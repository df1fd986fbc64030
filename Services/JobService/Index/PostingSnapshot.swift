import Foundation

/// Every open, original posting at one generation, immutable: ordered newest
/// first (`IndexedPosting.precedes`), so a posting's position (its slot) is
/// also its place in date order, with the lookups search and recommendations
/// need built once per change rather than once per request.
struct PostingSnapshot: Sendable {
    /// The `posting_generation` value this snapshot reflects.
    let generation: Int64
    /// Changes whenever the set of postings or any of them changes (not when
    /// only the generation moves on): match sets cached for one version apply
    /// to no other.
    let version: Int
    let postings: [IndexedPosting]
    let terms: SearchTerms
    /// What search reads of each posting, slot for slot, and the pool of
    /// place and skill numbers their ranges point into.
    let rows: [SearchRow]
    let pool: [Int32]
    let slots: [UUID: Int32]
    /// Slots of postings requiring each skill (by skill number), ascending (newest first).
    let requiring: [[Int32]]
    /// Slots of postings that require nothing, by each skill they name.
    let namingOnly: [[Int32]]
    /// Slots by each title word's number.
    let titleWords: [[Int32]]
    /// Slots by company number, and by each skill a posting names (required or
    /// preferred): where a search without text filtering on them starts.
    let companySlots: [[Int32]]
    let naming: [[Int32]]
    /// Every posting counted by `SearchRow.workplaceCode` and by employment-type
    /// number: the counts of a search with no text and no filter.
    let workplaceTotals: [Int]
    let typeTotals: [Int]
    /// Each row's workplace code and employment-type number + 1 (0 for none)
    /// in two bytes: `SearchRow.countCode`. Counting the matches of a text
    /// with no filter reads these (200 KB), not rows spread over 3.2 MB.
    let countCodes: [UInt16]

    /// Builds the lookups from postings numbered in `terms`: integers only,
    /// apart from the id map.
    init(generation: Int64, version: Int, postings: [IndexedPosting], terms: SearchTerms) {
        self.generation = generation
        self.version = version
        self.postings = postings
        self.terms = terms
        var slots: [UUID: Int32] = [:]
        slots.reserveCapacity(postings.count)
        var requiring = [[Int32]](repeating: [], count: terms.skills.count)
        var namingOnly = [[Int32]](repeating: [], count: terms.skills.count)
        var titleWords = [[Int32]](repeating: [], count: terms.titleWords.count)
        var companySlots = [[Int32]](repeating: [], count: terms.companies.count)
        var naming = [[Int32]](repeating: [], count: terms.skills.count)
        var workplaceTotals = [Int](repeating: 0, count: SearchRow.workplaces.count + 1)
        var typeTotals = [Int](repeating: 0, count: terms.employmentTypes.count)
        var rows: [SearchRow] = []
        rows.reserveCapacity(postings.count)
        var pool: [Int32] = []
        for (position, posting) in postings.enumerated() {
            let slot = Int32(position)
            rows.append(
                SearchRow(
                    sortMicros: posting.sortMicros, salaryCeiling: posting.salaryCeiling ?? .nan,
                    company: posting.company, poolStart: Int32(pool.count),
                    placeCount: UInt16(clamping: posting.places.count),
                    skillCount: UInt16(clamping: posting.skills.count),
                    employmentType: Int16(clamping: posting.employmentType),
                    workplace: SearchRow.workplaceCode(posting.candidate.workplace)))
            // Past 65,535 places or skills (no board lists that many) the rest are not searched by.
            pool.append(contentsOf: posting.places.prefix(Int(UInt16.max)))
            pool.append(contentsOf: posting.skills.prefix(Int(UInt16.max)))
            slots[posting.id] = slot
            if posting.required.isEmpty {
                for skill in posting.skills { namingOnly[Int(skill)].append(slot) }
            } else {
                for skill in posting.required { requiring[Int(skill)].append(slot) }
            }
            for word in posting.titleWords { titleWords[Int(word)].append(slot) }
            companySlots[Int(posting.company)].append(slot)
            for skill in Set(posting.skills) { naming[Int(skill)].append(slot) }
            workplaceTotals[Int(rows[position].workplace)] += 1
            if posting.employmentType >= 0 { typeTotals[Int(posting.employmentType)] += 1 }
        }
        self.rows = rows
        self.pool = pool
        self.slots = slots
        self.requiring = requiring
        self.namingOnly = namingOnly
        self.titleWords = titleWords
        self.companySlots = companySlots
        self.naming = naming
        self.workplaceTotals = workplaceTotals
        self.typeTotals = typeTotals
        countCodes = rows.map(\.countCode)
    }

    /// The same postings at a later generation that changed none of them.
    func advanced(to generation: Int64) -> PostingSnapshot {
        PostingSnapshot(moving: self, to: generation)
    }

    private init(moving snapshot: PostingSnapshot, to generation: Int64) {
        self.generation = generation
        version = snapshot.version
        postings = snapshot.postings
        terms = snapshot.terms
        rows = snapshot.rows
        pool = snapshot.pool
        companySlots = snapshot.companySlots
        naming = snapshot.naming
        workplaceTotals = snapshot.workplaceTotals
        typeTotals = snapshot.typeTotals
        countCodes = snapshot.countCodes
        slots = snapshot.slots
        requiring = snapshot.requiring
        namingOnly = snapshot.namingOnly
        titleWords = snapshot.titleWords
    }

    /// This snapshot with `changed` postings replaced or added, `removed` ids
    /// (closed, duplicates, deleted) dropped. The few changed postings are
    /// sorted and merged into the kept ones, which are in order already:
    /// sorting all hundred thousand again moved every posting many times.
    func applying(
        changed: [IndexedPosting], removed: Set<UUID>, terms: SearchTerms, generation: Int64, version: Int
    ) -> PostingSnapshot {
        let replaced = Set(changed.map(\.id)).union(removed)
        let incoming = changed.sorted(by: IndexedPosting.precedes)
        var merged: [IndexedPosting] = []
        merged.reserveCapacity(postings.count + incoming.count)
        var next = incoming.startIndex
        for posting in postings where !replaced.contains(posting.id) {
            while next < incoming.endIndex, IndexedPosting.precedes(incoming[next], posting) {
                merged.append(incoming[next])
                next += 1
            }
            merged.append(posting)
        }
        merged.append(contentsOf: incoming[next...])
        return PostingSnapshot(generation: generation, version: version, postings: merged, terms: terms)
    }

    /// The first `count` slots of the union of ascending slot lists, ascending:
    /// the newest postings among them.
    static func newest(_ lists: [[Int32]], count: Int) -> [Int32] {
        var merged: [Int32] = []
        for list in lists { merged.append(contentsOf: list.prefix(count)) }
        merged.sort()
        var result: [Int32] = []
        result.reserveCapacity(min(count, merged.count))
        for slot in merged where result.last != slot {
            result.append(slot)
            if result.count == count { break }
        }
        return result
    }
}
