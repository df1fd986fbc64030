import Foundation
import SkillMatching

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
    /// What search reads of each posting, slot for slot.
    let rows: [SearchRow]
    let terms: SearchTerms
    let slots: [UUID: Int32]
    /// Slots of postings requiring each skill, ascending (newest first).
    let requiring: [String: [Int32]]
    /// Slots of postings that require nothing, by each skill they name.
    let namingOnly: [String: [Int32]]
    /// Slots by each word of the title as `RoleTitleMatcher.words` reads it.
    let titleWords: [String: [Int32]]

    init(generation: Int64, version: Int, postings: [IndexedPosting]) {
        self.generation = generation
        self.version = version
        self.postings = postings
        var slots: [UUID: Int32] = [:]
        slots.reserveCapacity(postings.count)
        var requiring: [String: [Int32]] = [:]
        var namingOnly: [String: [Int32]] = [:]
        var titleWords: [String: [Int32]] = [:]
        // Boards repeat titles: each distinct one is split into words once.
        var wordsOfTitle: [String: Set<String>] = [:]
        var terms = SearchTerms()
        var rows: [SearchRow] = []
        rows.reserveCapacity(postings.count)
        for (position, posting) in postings.enumerated() {
            rows.append(terms.row(posting))
            let slot = Int32(position)
            slots[posting.id] = slot
            if posting.candidate.requiredSkills.isEmpty {
                for skill in posting.skillIds { namingOnly[skill, default: []].append(slot) }
            } else {
                for skill in Set(posting.candidate.requiredSkills) { requiring[skill, default: []].append(slot) }
            }
            let title = posting.candidate.title
            let words: Set<String>
            if let known = wordsOfTitle[title] {
                words = known
            } else {
                words = Set(RoleTitleMatcher.words(title))
                wordsOfTitle[title] = words
            }
            for word in words { titleWords[word, default: []].append(slot) }
        }
        self.rows = rows
        self.terms = terms
        self.slots = slots
        self.requiring = requiring
        self.namingOnly = namingOnly
        self.titleWords = titleWords
    }

    static let empty = PostingSnapshot(generation: -1, version: 0, postings: [])

    /// The same postings at a later generation that changed none of them.
    func advanced(to generation: Int64) -> PostingSnapshot {
        PostingSnapshot(moving: self, to: generation)
    }

    private init(moving snapshot: PostingSnapshot, to generation: Int64) {
        self.generation = generation
        version = snapshot.version
        postings = snapshot.postings
        rows = snapshot.rows
        terms = snapshot.terms
        slots = snapshot.slots
        requiring = snapshot.requiring
        namingOnly = snapshot.namingOnly
        titleWords = snapshot.titleWords
    }

    /// This snapshot with `changed` postings replaced or added, `removed` ids
    /// (closed, duplicates, deleted) dropped.
    func applying(
        changed: [IndexedPosting], removed: Set<UUID>, generation: Int64, version: Int
    ) -> PostingSnapshot {
        let replaced = Set(changed.map(\.id)).union(removed)
        var postings = self.postings.filter { !replaced.contains($0.id) }
        postings.append(contentsOf: changed)
        postings.sort(by: IndexedPosting.precedes)
        return PostingSnapshot(generation: generation, version: version, postings: postings)
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
