import Contracts
import SkillMatching
import Taxonomy
import Testing

@Suite struct MatchScoringTests {
    @Test func allRequiredHeldScoresByCoverage() {
        let score = MatchScoring.score(required: [1, 1], preferred: [1, 0], levelRatios: [])
        // 0.70 and 0.20 share the level weight: 100 × (0.7778 × 1 + 0.2222 × 0.5) = 88.9.
        #expect(score.value == 89)
        #expect(score.cap == nil)
    }

    @Test func aMissingRequiredSkillCapsTheScore() {
        let score = MatchScoring.score(required: [1, 1, 0], preferred: [1, 1, 1], levelRatios: [])
        #expect(score.value == 60)
        #expect(score.cap?.applied == true)
    }

    @Test func creditIsFullForHeldAndImpliedAndHalfForACloseRelative() throws {
        let taxonomy = try Taxonomy.bundled()
        let relations = SkillRelations(taxonomy: taxonomy, held: ["postgresql"])
        #expect(relations.credit(for: "postgresql") == 1)
        #expect(relations.credit(for: "sql") == 1)
        #expect(relations.credit(for: "haskell") == 0)
        let relative = try #require(
            taxonomy.skill("postgresql")?.related.first {
                taxonomy.skill($0)?.category == taxonomy.skill("postgresql")?.category
            })
        #expect(relations.credit(for: relative) == 0.5)
    }
}
