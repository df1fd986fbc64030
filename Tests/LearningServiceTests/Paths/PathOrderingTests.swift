import Foundation
import Taxonomy
import TestSupport
import Testing

@testable import LearningService

/// The order of a path: no step ever precedes anything in its prerequisite
/// chain, held prerequisites (and what lies below them) are skipped, and the
/// order is stable. Property-style over many random skill sets.
@Suite("learning path order")
struct PathOrderingTests {
    let taxonomy: Taxonomy
    let ordering: PathOrdering

    init() throws {
        taxonomy = try Taxonomy.bundled()
        ordering = PathOrdering(taxonomy: taxonomy)
    }

    @Test("no step ever precedes a prerequisite, over 400 random skill sets and held sets")
    func prerequisitesAlwaysComeFirst() {
        let all = taxonomy.orderedSkillIds
        // Skills with prerequisites make the interesting cases: bias the draw towards them.
        let deep = all.filter { !(taxonomy.skill($0)?.prerequisites.isEmpty ?? true) }
        var random = SplitMix(state: 7)
        for round in 0..<400 {
            let count = Int.random(in: 1...12, using: &random)
            let targets = (0..<count).map { _ in
                Bool.random(using: &random) ? deep.randomElement(using: &random)! : all.randomElement(using: &random)!
            }
            let held = Set((0..<Int.random(in: 0...6, using: &random)).map { _ in all.randomElement(using: &random)! })
            let implied = held.union(held.flatMap(taxonomy.prerequisiteChain(of:)))
            let nodes = ordering.order(targets: targets, held: held)
            let positions = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($1.skill, $0) })
            #expect(positions.count == nodes.count, "round \(round): a skill appears twice")
            for (index, node) in nodes.enumerated() {
                for below in taxonomy.prerequisiteChain(of: node.skill) {
                    if let position = positions[below] {
                        #expect(position < index, "round \(round): \(node.skill) precedes its prerequisite \(below)")
                    }
                }
                // Every direct prerequisite the learner lacks is on the path; held ones, and
                // what held skills build on, are not.
                for direct in taxonomy.skill(node.skill)?.prerequisites ?? [] where !implied.contains(direct) {
                    #expect(positions[direct] != nil, "round \(round): \(node.skill) lacks \(direct)")
                }
                #expect(node.prerequisites.allSatisfy { positions[$0] != nil })
                #expect(node.role == (targets.contains(node.skill) ? .target : .prerequisite))
            }
            // Every skill asked for is on the path, held or not; a held skill not asked for never is.
            #expect(Set(targets).isSubset(of: positions.keys))
            #expect(nodes.allSatisfy { !implied.contains($0.skill) || targets.contains($0.skill) })
            // Depths never decrease along the path: milestones are contiguous.
            #expect(zip(nodes, nodes.dropFirst()).allSatisfy { $0.depth <= $1.depth })
            #expect(ordering.order(targets: targets, held: held) == nodes, "round \(round): not stable")
        }
    }

    @Test("prerequisites come first, and a held one is skipped with everything it builds on")
    func heldPrerequisitesAreSkipped() {
        let nodes = ordering.order(targets: ["kubernetes", "terraform"], held: [])
        let skills = nodes.map(\.skill)
        #expect(skills.first == "linux")
        #expect(skills.firstIndex(of: "docker")! < skills.firstIndex(of: "kubernetes")!)
        #expect(skills.firstIndex(of: "cloud-computing")! < skills.firstIndex(of: "terraform")!)
        #expect(nodes.first { $0.skill == "kubernetes" }?.prerequisites.sorted() == ["docker", "linux"])
        #expect(nodes.first { $0.skill == "docker" }?.role == .prerequisite)

        // Someone who knows Docker is not sent back to Linux, though Kubernetes names it directly.
        let held = ordering.order(targets: ["kubernetes"], held: ["docker"]).map(\.skill)
        #expect(held == ["kubernetes"])
        // A held skill that is asked for stays, before what needs it; what it builds on is implied.
        let asked = ordering.order(targets: ["kubernetes", "docker"], held: ["docker"]).map(\.skill)
        #expect(asked == ["docker", "kubernetes"])
    }

    @Test("a held skill does not let another overtake a prerequisite below it")
    func chainsCountBeyondHeldSkills() {
        // helm needs kubernetes (held), which needs docker and linux; docker is asked for.
        let nodes = ordering.order(targets: ["helm", "docker"], held: ["kubernetes"])
        let skills = nodes.map(\.skill)
        #expect(skills.contains("docker") && skills.contains("helm") && !skills.contains("kubernetes"))
        #expect(skills.firstIndex(of: "docker")! < skills.firstIndex(of: "helm")!)
    }

    @Test("a prerequisite cycle in taxonomy data is refused at load, naming the cycle")
    func cycleIsReportedAtLoad() throws {
        let data = Data(
            """
            {"version": 1, "roles": [],
             "skills": [
               {"id": "a", "name": "A", "category": "tool", "aliases": [], "related": [], "prerequisites": ["b"]},
               {"id": "b", "name": "B", "category": "tool", "aliases": [], "related": [], "prerequisites": ["c"]},
               {"id": "c", "name": "C", "category": "tool", "aliases": [], "related": [], "prerequisites": ["a"]},
               {"id": "d", "name": "D", "category": "tool", "aliases": [], "related": [], "prerequisites": []}
             ]}
            """.utf8)
        let error = #expect(throws: TaxonomyError.self) { try Taxonomy.load(data) }
        #expect(error?.code == .prerequisiteCycle)
        #expect(error?.message.contains("a → b → c → a") == true)
        // Without the cycle the same data loads and orders.
        let fixed = try Taxonomy.load(
            Data(String(decoding: data, as: UTF8.self).replacingOccurrences(of: #"["a"]"#, with: "[]").utf8))
        #expect(PathOrdering(taxonomy: fixed).order(targets: ["a"], held: []).map(\.skill) == ["c", "b", "a"])
    }

    @Test("milestones group steps by depth, at most five each, titled by stage and skills")
    func milestones() {
        let nodes = ordering.order(targets: ["kubernetes", "terraform"], held: [])
        let (indices, titles) = PathMilestones.group(nodes) { taxonomy.skill($0)?.name ?? $0 }
        #expect(indices.count == nodes.count)
        #expect(titles.first?.hasPrefix("Foundations: Linux") == true)
        #expect(titles.last?.hasPrefix("Goal: ") == true && titles.last?.contains("Kubernetes") == true)
        // Milestones run in path order, and steps at one depth share theirs.
        for offset in nodes.indices.dropFirst() {
            #expect(indices[offset] >= indices[offset - 1])
            if nodes[offset].depth == nodes[offset - 1].depth { #expect(indices[offset] == indices[offset - 1]) }
        }
        // Twelve unrelated skills: one depth, cut into 5 + 5 + 2.
        let flat = ordering.order(
            targets: ["git", "sql", "python", "excel", "figma", "jira", "bash", "json", "yaml", "regex", "http", "csv"]
                .filter { taxonomy.skill($0) != nil && (taxonomy.skill($0)?.prerequisites.isEmpty ?? false) },
            held: [])
        let (flatIndices, flatTitles) = PathMilestones.group(flat) { $0 }
        #expect(flatTitles.count == (flat.count + 4) / 5)
        #expect(Dictionary(grouping: flatIndices, by: { $0 }).values.allSatisfy { $0.count <= 5 })
        if flat.count > 5 { #expect(flatTitles[0].hasPrefix("Skills (part 1 of ")) }
    }
}
