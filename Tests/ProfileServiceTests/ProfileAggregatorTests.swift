import Contracts
import Foundation
import Testing

@testable import ProfileService

@Suite struct ProfileAggregatorTests {
    static func json(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    static let resume = try! json(
        """
        {"basics": {"name": "Jane Doe", "label": "iOS Engineer", "email": "jane@example.com"},
         "work": [
           {"name": "Acme Inc.", "position": "iOS Engineer", "startDate": "2020-01",
            "highlights": ["Shipped the Swift rewrite"]},
           {"name": "Globex", "position": "Developer", "startDate": "2016", "endDate": "2019-12"}
         ],
         "x-careergini": {"skills": [
           {"id": "swift", "lastUsed": "2024-05", "evidence": [{"source": "resume", "text": "Swift rewrite"}]}
         ]}}
        """)

    static let linkedIn = try! json(
        """
        {"basics": {"name": "Jane Q. Doe", "label": "Mobile lead", "summary": "Builds apps."},
         "work": [
           {"name": "ACME", "position": "Senior iOS Engineer", "startDate": "2020-03",
            "highlights": ["Led a team of 4", "Shipped the Swift rewrite"]},
           {"name": "Acme", "position": "Intern", "startDate": "2012-06", "endDate": "2012-09"}
         ],
         "x-careergini": {"skills": [
           {"id": "swift", "lastUsed": "2025-01", "evidence": [{"source": "linkedin", "text": "Skills: Swift"}]},
           {"id": "kotlin", "evidence": [{"source": "linkedin", "text": "Skills: Kotlin"}]}
         ]}}
        """)

    @Test func oneJobSeenByTwoSourcesIsOneJobWithBothSources() throws {
        let profile = ProfileAggregator.aggregate([
            ProfileContribution(source: "resume:1", document: Self.resume),
            ProfileContribution(source: "linkedin:2", document: Self.linkedIn),
        ])
        let work = try #require(profile.document["work"]?.arrayItems)
        // Acme (current, merged), Globex, the 2012 Acme internship (no overlap: another job).
        #expect(work.count == 3)
        #expect(work[0]["position"] == .string("iOS Engineer"))
        #expect(work[0]["startDate"] == .string("2020-01"))
        #expect(
            work[0]["highlights"] == .array([.string("Shipped the Swift rewrite"), .string("Led a team of 4")]))
        #expect(work[2]["position"] == .string("Intern"))
        #expect(profile.provenance["/work/0"] == ["resume:1", "linkedin:2"])
        #expect(profile.provenance["/work/1"] == ["resume:1"])
        #expect(profile.provenance["/basics/name"] == ["resume:1"])
        #expect(profile.provenance["/basics/summary"] == ["linkedin:2"])
        #expect(profile.document["basics"]?["summary"] == .string("Builds apps."))

        let skills = try #require(profile.document["x-careergini"]?["skills"]?.arrayItems)
        #expect(skills.count == 2)
        #expect(skills[0]["lastUsed"] == .string("2025-01"))
        #expect(skills[0]["evidence"]?.arrayItems?.count == 2)
    }

    @Test func importingTheSameSourceTwiceChangesNothing() {
        let once = ProfileAggregator.aggregate([ProfileContribution(source: "resume:1", document: Self.resume)])
        let twice = ProfileAggregator.aggregate([
            ProfileContribution(source: "resume:1", document: Self.resume),
            ProfileContribution(source: "resume:1", document: Self.resume),
        ])
        #expect(once.document == twice.document)
        #expect(ProfileDifferences(from: once.document, to: twice.document).isEmpty)
    }

    @Test func theUsersEditsWinSurviveReimportsAndOutliveTheirSource() throws {
        let imported = ProfileAggregator.aggregate([ProfileContribution(source: "resume:1", document: Self.resume)])
        var saved = imported.document
        saved.set(.string("Staff iOS Engineer"), at: "/basics/label")
        saved.set(.null, at: "/basics/email")
        var work = try #require(saved["work"]?.arrayItems)
        work.remove(at: 1)  // Globex: the user doesn't want it shown
        work.append(try Self.json(#"{"name": "Own Startup", "position": "Founder", "startDate": "2014"}"#))
        saved.set(.array(work), at: "/work")

        let edits = ProfileEdits(imported: imported.document, saved: saved)
        let reapplied = ProfileAggregator.aggregate(
            [ProfileContribution(source: "resume:1", document: Self.resume)], edits: edits)
        #expect(ProfileDifferences(from: saved, to: reapplied.document).isEmpty)

        // A LinkedIn import later: its label doesn't beat the user's, Globex stays
        // removed, its new internship appears, the user's job stays.
        var linkedIn = Self.linkedIn
        linkedIn.set(
            .array([
                try Self.json(#"{"name": "Globex", "position": "Developer", "startDate": "2016-02"}"#),
                try Self.json(#"{"name": "Acme", "position": "Intern", "startDate": "2012-06", "endDate": "2012-09"}"#),
            ]), at: "/work")
        let both = ProfileAggregator.aggregate(
            [
                ProfileContribution(source: "linkedin:2", document: linkedIn),
                ProfileContribution(source: "resume:1", document: Self.resume),
            ], edits: edits)
        #expect(both.document["basics"]?["label"] == .string("Staff iOS Engineer"))
        #expect(both.provenance["/basics/label"] == ["user"])
        #expect(both.document["basics"]?["email"] == nil)
        let names = try #require(both.document["work"]?.arrayItems).compactMap { $0["name"]?.stringValue }
        #expect(names == ["Acme Inc.", "Own Startup", "Acme"])

        // Deleting the résumé source takes its facts away, not the user's.
        let withoutResume = ProfileAggregator.aggregate(
            [ProfileContribution(source: "linkedin:2", document: linkedIn)], edits: edits)
        let remaining = try #require(withoutResume.document["work"]?.arrayItems)
        #expect(remaining.compactMap { $0["name"]?.stringValue } == ["Own Startup", "Acme"])
        #expect(withoutResume.document["basics"]?["name"] == .string("Jane Q. Doe"))
        #expect(withoutResume.provenance["/work/0"] == ["user"])
    }

    @Test func legalFormsAndPunctuationDontMakeAnotherEmployer() {
        #expect(ProfileSections.organisationName("Acme, Inc.") == ProfileSections.organisationName("ACME"))
        #expect(ProfileSections.organisationName("Siemens AG") == ProfileSections.organisationName("siemens"))
        #expect(ProfileSections.organisationName("Acme Labs") != ProfileSections.organisationName("Acme"))
    }

    @Test func differencesSummariseBySection() throws {
        let before = ProfileAggregator.aggregate([ProfileContribution(source: "resume:1", document: Self.resume)])
        let after = ProfileAggregator.aggregate([
            ProfileContribution(source: "resume:1", document: Self.resume),
            ProfileContribution(source: "linkedin:2", document: Self.linkedIn),
        ])
        let summary = ProfileDifferences(from: before.document, to: after.document).summary
        #expect(summary.added == ["work": 1, "x-careergini/skills": 1])
        #expect(summary.changed == ["work": 1, "x-careergini/skills": 1])
        #expect(summary.updatedFields == ["/basics/summary"])
    }
}
