import Foundation
import Testing

@testable import Taxonomy

@Suite("taxonomy: shipped data")
struct TaxonomyDataTests {
    static let taxonomy = Result { try Taxonomy.bundled() }

    @Test("the shipped file loads, validated, with at least 400 skills and 40 roles")
    func loads() throws {
        let taxonomy = try Self.taxonomy.get()
        #expect(taxonomy.skills.count >= 400)
        #expect(taxonomy.roles.count >= 40)
        let categories = Set(taxonomy.skills.values.map(\.category))
        for category in [
            "language", "framework", "data", "ml", "cloud", "devops", "security", "mobile", "design",
            "product", "testing", "soft",
        ] {
            #expect(categories.contains(category), "no \(category) skills")
        }
        for role in ["backend-engineer", "frontend-engineer", "data-scientist", "devops-engineer"] {
            #expect(taxonomy.role(role) != nil, "missing role \(role)")
        }
        for role in taxonomy.roles.values {
            #expect(!role.required.isEmpty, "\(role.id) requires nothing")
            #expect(Set(role.required).isDisjoint(with: role.preferred), "\(role.id) lists a skill twice")
        }
    }

    @Test(
        "free text normalises to skill ids: case, punctuation, versions, aliases and the hard tokens",
        arguments: [
            ("JS", "javascript"), ("ECMAScript", "javascript"), ("javascript", "javascript"), ("k8s", "kubernetes"),
            ("Postgres", "postgresql"), ("PostgreSQL 15", "postgresql"), ("Python 3", "python"), ("python", "python"),
            ("C", "c"), ("C++", "cpp"), ("C#", "csharp"), (".NET", "dotnet"), ("Node.js", "nodejs"),
            ("node js", "nodejs"), ("NodeJS", "nodejs"), ("CI/CD", "ci-cd"), ("Go", "go"), ("golang", "go"),
            ("R", "r"), ("TypeScript", "typescript"), ("Kubernetes", "kubernetes"),
        ])
    func normalises(_ text: String, _ expected: String) throws {
        #expect(try Self.taxonomy.get().skillId(for: text) == expected)
    }

    @Test("unknown text normalises to nothing")
    func unknownText() throws {
        let taxonomy = try Self.taxonomy.get()
        #expect(taxonomy.skillId(for: "underwater basket weaving") == nil)
        #expect(taxonomy.skillId(for: "") == nil)
    }

    @Test("prerequisite chains put foundations first")
    func prerequisiteChain() throws {
        let taxonomy = try Self.taxonomy.get()
        for id in taxonomy.orderedSkillIds {
            let chain = taxonomy.prerequisiteChain(of: id)
            #expect(!chain.contains(id))
            for (position, step) in chain.enumerated() {
                for prerequisite in taxonomy.skill(step)?.prerequisites ?? [] {
                    #expect(chain.firstIndex(of: prerequisite).map { $0 < position } == true, "\(id): \(step)")
                }
            }
        }
    }
}

@Suite("taxonomy: validation")
struct TaxonomyValidationTests {
    static func document(skills: String, roles: String = "[]") -> Data {
        Data(#"{"version": 1, "skills": \#(skills), "roles": \#(roles)}"#.utf8)
    }

    static func skill(
        _ id: String, aliases: [String] = [], prerequisites: [String] = [], related: [String] = []
    )
        -> String
    {
        let json = { (values: [String]) in "[" + values.map { "\"\($0)\"" }.joined(separator: ",") + "]" }
        return
            #"{"id":"\#(id)","name":"\#(id.capitalized)","category":"tool","aliases":\#(json(aliases)),"related":\#(json(related)),"prerequisites":\#(json(prerequisites))}"#
    }

    func code(_ data: Data) -> TaxonomyError.Code? {
        do {
            _ = try Taxonomy.load(data)
            return nil
        } catch let error as TaxonomyError {
            return error.code
        } catch {
            return .unreadable
        }
    }

    @Test("a prerequisite cycle, an unknown id, a duplicate id or alias, or a bad level is refused at load")
    func refusesBadData() {
        #expect(code(Self.document(skills: "[\(Self.skill("a"))]")) == nil)
        let cycle =
            "[\(Self.skill("a", prerequisites: ["b"])),\(Self.skill("b", prerequisites: ["c"])),\(Self.skill("c", prerequisites: ["a"]))]"
        #expect(code(Self.document(skills: cycle)) == .prerequisiteCycle)
        #expect(code(Self.document(skills: "[\(Self.skill("a", related: ["nope"]))]")) == .unknownReference)
        #expect(code(Self.document(skills: "[\(Self.skill("a")),\(Self.skill("a"))]")) == .duplicateId)
        #expect(
            code(Self.document(skills: "[\(Self.skill("a", aliases: ["x"])),\(Self.skill("b", aliases: ["x"]))]"))
                == .ambiguousAlias)
        let role = #"[{"id":"r","title":"R","aliases":[],"level":9,"required":["a"],"preferred":[]}]"#
        #expect(code(Self.document(skills: "[\(Self.skill("a"))]", roles: role)) == .invalidValue)
        let unknownRoleSkill = #"[{"id":"r","title":"R","aliases":[],"level":3,"required":["zz"],"preferred":[]}]"#
        #expect(code(Self.document(skills: "[\(Self.skill("a"))]", roles: unknownRoleSkill)) == .unknownReference)
        #expect(code(Data("not json".utf8)) == .unreadable)
    }
}

@Suite("taxonomy: skills in running text")
struct SkillExtractionTests {
    static func ids(_ text: String) throws -> [String] {
        try TaxonomyDataTests.taxonomy.get().extractSkills(from: text).map(\.skillId)
    }

    @Test("mentions carry the text as written and UTF-16 positions")
    func positions() throws {
        let text = "Déjà vu: we run k8s and Node.js."
        let mentions = try TaxonomyDataTests.taxonomy.get().extractSkills(from: text)
        #expect(mentions.map(\.skillId) == ["kubernetes", "nodejs"])
        let utf16 = Array(text.utf16)
        for mention in mentions {
            let slice = String(decoding: utf16[mention.start..<mention.start + mention.length], as: UTF16.self)
            #expect(slice == mention.text)
        }
        #expect(mentions.map(\.text) == ["k8s", "Node.js"])
    }

    @Test("the hard tokens are found exactly")
    func hardTokens() throws {
        #expect(
            try Self.ids("Strong C, C++ and C# skills; .NET and Node.js services; CI/CD pipelines.") == [
                "c", "cpp", "csharp", "dotnet", "nodejs", "ci-cd",
            ])
        #expect(
            try Self.ids("Backend services in Go and Python; statistics in R.") == ["go", "python", "statistics", "r"])
    }

    @Test(
        "prose that looks like a language is not one",
        arguments: [
            "Own our go-to-market plan.", "We invest 20% in R&D.", "You will present to a C-level audience.",
            "A plant in the Rust Belt.", "Go to the careers page to apply.", "Swift delivery is our promise.",
            "grade C or better",
        ])
    func precision(_ text: String) throws {
        let languages: Set<String> = ["c", "r", "go", "rust", "swift"]
        let found = try Self.ids(text)
        #expect(Set(found).isDisjoint(with: languages), "\(text): \(found)")
    }
}
