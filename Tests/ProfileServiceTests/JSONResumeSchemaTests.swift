import Contracts
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

@testable import ProfileService

/// Our JSON Resume export checked by someone else's validator: Python's
/// `jsonschema` against the official schema (`Fixtures/jsonresume`). The test
/// command installs jsonschema; without it this test fails rather than pass
/// unchecked.
@Suite struct JSONResumeSchemaTests {
    typealias Harness = ProfileServiceHarness

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let everySection = """
        {"basics": {"name": "Jane Doe", "label": "iOS Engineer", "email": "jane@example.com",
                    "phone": "+1 415 555 0134", "url": "https://jane.example.com", "summary": "Builds apps.",
                    "location": {"city": "San Francisco", "region": "CA", "countryCode": "US"},
                    "profiles": [{"network": "GitHub", "username": "janedoe", "url": "https://github.com/janedoe"}]},
         "work": [{"name": "Acme", "position": "Engineer", "startDate": "2020-01", "highlights": ["Shipped"]}],
         "volunteer": [{"organization": "Code Club", "position": "Mentor", "startDate": "2018"}],
         "education": [{"institution": "University of Example", "studyType": "B.Sc.", "area": "CS",
                        "startDate": "2012", "endDate": "2016", "courses": ["Compilers"]}],
         "awards": [{"title": "Hackathon winner", "date": "2019-05", "awarder": "Acme"}],
         "certificates": [{"name": "CKA", "date": "2021-03-14", "issuer": "CNCF", "url": "https://cncf.io"}],
         "publications": [{"name": "Swift at scale", "publisher": "Blog", "releaseDate": "2022"}],
         "skills": [{"name": "Mobile", "level": "Expert", "keywords": ["Swift", "SwiftUI"]}],
         "languages": [{"language": "English", "fluency": "Native"}],
         "interests": [{"name": "Climbing", "keywords": ["Bouldering"]}],
         "references": [{"name": "A. Manager", "reference": "Great."}],
         "projects": [{"name": "PocketBudget", "description": "Budgeting app", "startDate": "2021-06",
                       "url": "https://example.com/pocketbudget", "keywords": ["SwiftUI"], "roles": ["Author"]}],
         "x-careergini": {"skills": [{"id": "swift", "level": 4, "years": 6,
                                      "evidence": [{"source": "user", "text": "Swift"}]}],
                          "targetRoles": [], "preferences": {"remote": true, "salaryCurrency": "EUR"}}}
        """

    @Test func exportsValidateAgainstTheOfficialSchema() async throws {
        let user = UUID()
        let other = UUID()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jsonresume-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = [user, other].map { folder.appendingPathComponent("export-\($0).json").path }
        try await Harness.test { client in
            try await client.execute(
                uri: "/profile", method: .put, headers: Harness.headers(user: user),
                body: ByteBuffer(string: Self.everySection)
            ) { #expect($0.status == .ok) }
            try await client.execute(
                uri: "/profile/imports/resume?filename=r.txt", method: .post,
                headers: Harness.headers(user: other, contentType: "text/plain"),
                body: ByteBuffer(string: ProfileRoutesTests.plainResume)
            ) { #expect($0.status == .created) }
            for id in [user, other] {
                try await client.execute(uri: "/profile/export", method: .get, headers: Harness.headers(user: id)) {
                    response in
                    #expect(response.status == .ok)
                    let document = try Harness.document(response)
                    #expect(document["x-careergini"] == nil)
                    #expect(document["meta"]?["x-careergini"]?["skills"] != nil)
                    try Data(response.body.readableBytesView).write(
                        to: folder.appendingPathComponent("export-\(id).json"))
                }
            }
        }
        // The schema must also refuse something: a profile with our extension at the top.
        let raw = folder.appendingPathComponent("raw.json")
        try Data(Self.everySection.utf8).write(to: raw)

        let schema = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
            .appendingPathComponent("jsonresume/schema.json").path
        let script = Self.repositoryRoot.appendingPathComponent("scripts/validate-json-resume.py").path
        let valid = try ChildProcess.run("/usr/bin/env", ["python3", script, schema] + files)
        #expect(valid.status == 0, "\(valid.stdout)\(valid.stderr)")
        let invalid = try ChildProcess.run("/usr/bin/env", ["python3", script, schema, raw.path])
        #expect(invalid.status == 1, "\(invalid.stdout)\(invalid.stderr)")
        #expect(invalid.stdout.contains("x-careergini"))
    }
}
