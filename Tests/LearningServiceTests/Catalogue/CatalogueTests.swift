import Contracts
import Foundation
import Taxonomy
import Testing

@testable import LearningService

@Suite("learning catalogue")
struct CatalogueTests {
    let taxonomy: Taxonomy

    init() throws { taxonomy = try Taxonomy.bundled() }

    @Test("the shipped catalogue is well formed: loading it validates every entry")
    func shippedCatalogueLoads() throws {
        let catalogue = try Catalogue.bundled(taxonomy: taxonomy)
        #expect(catalogue.entries.count >= 2 * Catalogue.skillsToCover(taxonomy).count / 2)
        #expect(Set(catalogue.entries.map(\.id)).count == catalogue.entries.count)
        #expect(Set(catalogue.entries.map(\.url)).count == catalogue.entries.count)
    }

    @Test("every skill a role requires or prefers, and each prerequisite, has at least two free resources")
    func everySkillIsCovered() throws {
        let catalogue = try Catalogue.bundled(taxonomy: taxonomy)
        let toCover = Catalogue.skillsToCover(taxonomy)
        #expect(toCover.count > 300)
        #expect(catalogue.uncovered(taxonomy) == [])
    }

    @Test("malformed entries are refused at load, every problem named")
    func malformedEntriesAreRefused() throws {
        let good = CatalogueEntry(
            id: "python-docs-tutorial", title: "The Python Tutorial", provider: "Python Software Foundation",
            url: "https://docs.python.org/3/tutorial/", type: .docs, level: .beginner, cost: .free,
            estimatedHours: 8, language: "en", skills: ["python"])
        #expect(throws: Never.self) { try Catalogue(entries: [good], taxonomy: taxonomy) }
        var badId = good
        badId.id = "Python Tutorial"
        badId.url = "https://example.org/a"
        var duplicateURL = good
        duplicateURL.id = "another"
        var insecure = good
        insecure.id = "insecure"
        insecure.url = "http://docs.python.org/"
        var unknownSkill = good
        unknownSkill.id = "unknown-skill"
        unknownSkill.url = "https://example.org/b"
        unknownSkill.skills = ["python", "klingon"]
        var noHours = good
        noHours.id = "no-hours"
        noHours.url = "https://example.org/c"
        noHours.estimatedHours = 0
        var badLanguage = good
        badLanguage.id = "bad-language"
        badLanguage.url = "https://example.org/d"
        badLanguage.language = "English"
        let error = #expect(throws: CatalogueError.self) {
            try Catalogue(
                entries: [good, badId, duplicateURL, insecure, unknownSkill, noHours, badLanguage], taxonomy: taxonomy)
        }
        let problems = error?.problems.joined(separator: "\n") ?? ""
        #expect(problems.contains("Python Tutorial: the id must be lowercase kebab-case"))
        #expect(problems.contains("another: the URL https://docs.python.org/3/tutorial/ appears twice"))
        #expect(problems.contains("insecure: http://docs.python.org/ is not an https URL"))
        #expect(problems.contains("unknown-skill: klingon is not a Taxonomy skill id"))
        #expect(problems.contains("no-hours: estimatedHours must be in (0, 300]"))
        #expect(problems.contains("bad-language: language must be an ISO 639-1 code"))
        #expect(error?.problems.count == 6)
    }

    @Test("a file that is not a list of entries names the file")
    func unreadableFileIsNamed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(#"[{"id": "x"}]"#.utf8).write(to: folder.appendingPathComponent("broken.json"))
        let error = #expect(throws: CatalogueError.self) { try Catalogue.load(folder: folder, taxonomy: taxonomy) }
        #expect(error?.problems.first?.hasPrefix("broken.json: ") == true)
    }
}
