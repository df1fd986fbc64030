import Contracts
import Database
import Foundation
import Taxonomy

/// The `learning` source: one per user, listing the skills they worked on by
/// finishing learning-path steps, each with its evidence. A source is stored
/// whole, so each new piece of evidence is added to what the source already
/// holds, under the profile row's lock: concurrent steps never lose one another.
extension ProfileStore {
    static let learningFingerprint = "learning:paths"
    static let learningLabel = "CareerGini learning paths"
    /// Where a skill learnt only on a path starts: one finished course is
    /// working knowledge, not more.
    static let learnedLevel = 2
    /// The newest kept per skill, so the source stays small however much is learnt.
    static let learningEvidencePerSkill = 20

    /// Adds `evidence` to `skill` (a taxonomy id) in the user's learning source
    /// and recomputes the profile. The same evidence again changes nothing and
    /// leaves no history row.
    func recordLearning(_ userId: UUID, skill: String, evidence: SkillEvidence) async throws -> ProfileImportRecord {
        try await database.withTransaction { connection in
            let current = try await Self.lock(userId, connection)
            let rows = try await connection.query(
                """
                SELECT document FROM profile_sources WHERE user_id = \(userId)
                AND kind = \(ProfileSourceKind.learning.rawValue) AND fingerprint = \(Self.learningFingerprint)
                """)
            let stored = try rows.first?.decode(JSONB<JSONValue>.self, "document").value
            let skills = Self.addingLearning(
                evidence, to: skill, in: try stored?["x-careergini"]?["skills"]?.decoded(as: [ProfileSkill].self) ?? [],
                profile: current.document)
            let document = JSONValue.object(["x-careergini": .object(["skills": try JSONValue(encoding: skills)])])
            return try await Self.apply(
                IncomingSource(
                    kind: .learning, label: Self.learningLabel, fingerprint: Self.learningFingerprint,
                    document: document),
                userId: userId, current: current, details: ImportDetails(counts: ["skills": skills.count]),
                recordsUnchanged: false, taxonomy: taxonomy, connection)
        }
    }

    /// The learning source's skills with `evidence` added to `skill`. A skill
    /// new to the source gets `learnedLevel` only when the profile has no level
    /// for it (absent, or held without one): a level the user or another source
    /// gave is never touched, as the merge keeps the higher of two levels and a
    /// source without one changes nothing.
    static func addingLearning(
        _ evidence: SkillEvidence, to skill: String, in skills: [ProfileSkill], profile: JSONValue
    ) -> [ProfileSkill] {
        var skills = skills
        guard let index = skills.firstIndex(where: { $0.id == skill }) else {
            let held = (profile["x-careergini"]?["skills"]?.arrayItems ?? []).first { $0["id"]?.stringValue == skill }
            let level = held?["level"]?.numberValue == nil ? learnedLevel : nil
            skills.append(ProfileSkill(id: skill, level: level, evidence: [evidence]))
            return skills
        }
        var known = skills[index].evidence ?? []
        // The same step finished again (or a retried delivery) is one piece of evidence.
        guard !known.contains(where: { $0.text == evidence.text }) else { return skills }
        known.append(evidence)
        skills[index].evidence = Array(known.suffix(learningEvidencePerSkill))
        return skills
    }
}
