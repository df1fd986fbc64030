import Contracts
import Database
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

@testable import ProfileService

/// Two real sources of one person through the routes: a résumé and a LinkedIn
/// export that both name the same job become one profile with one job,
/// provenance from both, and skills merged by taxonomy id.
@Suite(.serialized) struct ProfileMergeRoutesTests {
    typealias Harness = ProfileServiceHarness

    static func linkedInExport() throws -> [UInt8] {
        try SafeZipArchiveTests.zip([
            (
                "Profile.csv",
                Array(
                    """
                    First Name,Last Name,Headline,Summary,Geo Location
                    Jane,Doe,iOS lead at Acme,Mobile engineer who ships.,"San Francisco, California"

                    """.utf8)
            ),
            (
                "Positions.csv",
                Array(
                    """
                    Company Name,Title,Description,Location,Started On,Finished On
                    Acme Corp.,Senior iOS Engineer,"Built the design system in SwiftUI
                    - Mentored two engineers",San Francisco,Jan 2020,
                    Initech,Intern,Wrote Python scripts,Austin,Jun 2014,Aug 2014

                    """.utf8)
            ),
            ("Skills.csv", Array("Name\nSwift\nKotlin\n".utf8)),
        ])
    }

    @Test func aResumeAndALinkedInExportOfOnePersonMakeOneProfile() async throws {
        let user = UUID()
        try await Harness.test { client in
            var resumeSource = ""
            try await client.execute(
                uri: "/profile/imports/resume?filename=jane.txt", method: .post,
                headers: Harness.headers(user: user, contentType: "text/plain"),
                body: ByteBuffer(string: ProfileRoutesTests.plainResume)
            ) { response in
                #expect(response.status == .created)
                resumeSource = try Harness.decode(ProfileImportRecord.self, response).sourceId ?? ""
            }
            var linkedInSource = ""
            try await client.execute(
                uri: "/profile/imports/linkedin?filename=export.zip", method: .post,
                headers: Harness.headers(user: user, contentType: "application/zip"),
                body: ByteBuffer(bytes: try Self.linkedInExport())
            ) { response in
                #expect(response.status == .created)
                let record = try Harness.decode(ProfileImportRecord.self, response)
                linkedInSource = record.sourceId ?? ""
                #expect(record.files?.map(\.name).sorted() == ["Positions.csv", "Profile.csv", "Skills.csv"])
                #expect(record.warnings.contains { $0.contains("Education.csv") })
                // Initech is new; Acme merges into the résumé's job.
                #expect(record.changes.added["work"] == 1)
            }
            var profile = JSONValue.null
            try await client.execute(uri: "/profile", method: .get, headers: Harness.headers(user: user)) {
                profile = try Harness.document($0)
            }
            let work = try #require(profile["work"]?.arrayItems)
            // The newer source (LinkedIn) gives a shared job's single facts; lists unite.
            #expect(work.compactMap { $0["name"]?.stringValue } == ["Acme Corp.", "Globex", "Initech"])
            let highlights = work[0]["highlights"]?.arrayItems?.compactMap(\.stringValue) ?? []
            #expect(highlights.contains { $0.contains("Mentored two engineers") }, "\(highlights)")
            #expect(highlights.contains { $0.contains("Led a team of 4") }, "\(highlights)")

            let skills = (profile["x-careergini"]?["skills"]?.arrayItems ?? [])
            let swift = try #require(skills.first { $0["id"] == .string("swift") })
            let sources = Set((swift["evidence"]?.arrayItems ?? []).compactMap { $0["source"]?.stringValue })
            #expect(sources == ["resume", "linkedin"])
            #expect(skills.contains { $0["id"] == .string("kotlin") })

            try await client.execute(
                uri: "/profile/provenance", method: .get, headers: Harness.headers(user: user)
            ) { response in
                let provenance = try Harness.decode(ProfileController.Provenance.self, response)
                #expect(
                    Set(provenance.fields["/work/0"] ?? []) == ["resume:\(resumeSource)", "linkedin:\(linkedInSource)"])
                #expect(provenance.fields["/work/2"] == ["linkedin:\(linkedInSource)"])
            }
            try await client.execute(uri: "/profile/skills", method: .get, headers: Harness.headers(user: user)) {
                response in
                let list = try Harness.decode(SkillsController.SkillList.self, response)
                let swiftView = try #require(list.items.first { $0.id == "swift" })
                #expect(swiftView.name == "Swift")
                #expect(swiftView.sources == ["linkedin", "resume"])
            }
            // The normalised table answers "who has Swift" by index.
            let database = try TestEnvironment.makeDatabase()
            let rows = try await database.query(
                "SELECT sources FROM profile.profile_skills WHERE user_id = \(user) AND skill_id = 'swift'")
            await database.close()
            #expect(try rows.first?.decode([String].self, "sources").sorted() == ["linkedin", "resume"])
        }
    }
}
