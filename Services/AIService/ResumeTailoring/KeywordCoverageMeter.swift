import Contracts
import Taxonomy

/// How many of the job's skills a reader (or a screening tool) can see in a
/// résumé, by taxonomy id, so "Postgres" in the résumé meets "PostgreSQL" in the job.
struct KeywordCoverageMeter: Sendable {
    let taxonomy: Taxonomy

    /// Skill ids in the résumé's visible text: prose, lists and titles.
    func visibleSkillIds(in resume: Resume) -> Set<String> {
        var ids = Set(resume.visibleTextFields.flatMap { taxonomy.skillIds(in: $0) })
        for group in resume.skills ?? [] {
            if let name = group.name, let id = taxonomy.skillId(for: name) { ids.insert(id) }
        }
        return ids
    }

    func coverage(
        of requirements: JobRequirements, before source: Resume, after tailored: Resume
    )
        -> KeywordCoverage
    {
        let wanted = requirements.skillIds
        let seenBefore = visibleSkillIds(in: source)
        let seenAfter = visibleSkillIds(in: tailored)
        let matchedBefore = wanted.filter(seenBefore.contains)
        let matchedAfter = wanted.filter(seenAfter.contains)
        func share(_ matched: [String]) -> Double {
            wanted.isEmpty ? 0 : Double(matched.count) / Double(wanted.count)
        }
        return KeywordCoverage(
            before: share(matchedBefore), after: share(matchedAfter), matchedBefore: matchedBefore,
            matchedAfter: matchedAfter)
    }
}
