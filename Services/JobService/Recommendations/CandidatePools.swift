import Foundation

/// The postings worth scoring for one person, taken from the posting index:
/// the newest requiring a skill they have (or one their skills imply), and
/// the newest whose title has a word of their target titles; never one they
/// track. The title pool keeps title matches in the running when thousands
/// of postings share a common skill.
///
/// A posting none of whose required skills the person has scores 0 on skills
/// (`MatchScoring`'s must-have cap), so naming a held skill only among the
/// preferred ones does not make a candidate, unless the posting requires
/// nothing: the pool goes to postings that can rank.
enum CandidatePools {
    /// Scoring a candidate costs a few microseconds; the pools bound the work
    /// per request however many postings share a skill.
    static let skillPoolSize = 600
    static let titlePoolSize = 200

    static func candidates(
        in snapshot: PostingSnapshot, skills: [String], titleWords: [String], excluding tracked: Set<UUID>
    ) -> [RecommendationCandidate] {
        var skillLists: [[Int32]] = []
        for skill in skills {
            guard let number = snapshot.terms.skills.numbers[skill], Int(number) < snapshot.requiring.count else {
                continue
            }
            skillLists.append(snapshot.requiring[Int(number)])
            skillLists.append(snapshot.namingOnly[Int(number)])
        }
        let titleLists = titleWords.compactMap { word in
            snapshot.terms.titleWords.numbers[word].map { snapshot.titleWords[Int($0)] }
        }
        // Tracked postings are dropped after the cut, so the cut takes that many more.
        let skillPool = PostingSnapshot.newest(skillLists, count: skillPoolSize + tracked.count)
        let titlePool = PostingSnapshot.newest(titleLists, count: titlePoolSize + tracked.count)
        var seen = Set<Int32>()
        var candidates: [RecommendationCandidate] = []
        candidates.reserveCapacity(skillPoolSize + titlePoolSize)
        for (pool, size) in [(skillPool, skillPoolSize), (titlePool, titlePoolSize)] {
            var taken = 0
            for slot in pool where taken < size {
                let candidate = snapshot.postings[Int(slot)].candidate
                guard !tracked.contains(candidate.id) else { continue }
                taken += 1
                if seen.insert(slot).inserted { candidates.append(candidate) }
            }
        }
        return candidates
    }
}
