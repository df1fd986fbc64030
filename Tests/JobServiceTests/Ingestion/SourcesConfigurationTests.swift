import Foundation
import Testing

@testable import JobService

@Suite struct SourcesConfigurationTests {
    private func decode(_ json: String) throws -> SourcesConfiguration {
        try SourcesConfiguration.decode(Data(json.utf8), origin: "test.json")
    }

    private func problems(_ json: String) -> [String] {
        do {
            _ = try decode(json)
            return []
        } catch let error as SourcesConfigurationError {
            return error.problems
        } catch {
            return ["unexpected error: \(error)"]
        }
    }

    @Test func theBundledListIsValidAndCoversEveryPublicProvider() throws {
        let configuration = try SourcesConfiguration.load(file: nil)
        let providers = Set(configuration.sources.map(\.provider))
        #expect(providers.isSuperset(of: ["greenhouse", "lever", "ashby", "remoteok", "arbeitnow"]))
        #expect(configuration.source(id: "greenhouse:stripe")?.name == "Stripe")
        #expect(configuration.source(id: "remoteok:all")?.enabled == true)
        #expect(configuration.sources.allSatisfy { $0.id == "\($0.provider):\($0.board)" && !$0.name.isEmpty })
    }

    @Test func idsAreDerivedAndNameAndEnabledHaveDefaults() throws {
        let configuration = try decode(
            """
            {"sources": [
                {"provider": " Greenhouse ", "board": " acme ", "name": "Acme Inc", "enabled": false},
                {"provider": "lever", "board": "globex", "id": "ignored"}
            ]}
            """)
        #expect(
            configuration.sources == [
                JobSource(
                    id: "greenhouse:acme", provider: "greenhouse", board: "acme", name: "Acme Inc", enabled: false),
                JobSource(id: "lever:globex", provider: "lever", board: "globex", name: "globex", enabled: true),
            ])
    }

    @Test func everyMistakeIsReportedWithItsPositionAndRefusesTheFile() {
        let found = problems(
            """
            {"sources": [
                {"provider": "greenhouse", "board": "acme", "name": "Acme"},
                {"provider": "workday", "board": "initech", "name": "Initech"},
                {"provider": "lever", "board": "  ", "name": "Nobody"},
                {"provider": "greenhouse", "board": "ACME", "name": "Acme again"}
            ]}
            """)
        #expect(
            found == [
                "source 2: unknown provider 'workday' (known: greenhouse, lever, ashby, remoteok, arbeitnow, adzuna, usajobs)",
                "source 3: the board is empty",
                "source 4: duplicate id 'greenhouse:ACME' (also source 1)",
            ])
    }

    @Test func aDocumentOfTheWrongShapeSaysWhatIsWrong() {
        #expect(problems(#"{"boards": []}"#) == ["'sources' is missing"])
        #expect(problems(#"{"sources": [{"provider": "lever"}]}"#) == ["'board' is missing in sources[0]"])
        #expect(problems("{not json").first?.hasPrefix("not valid JSON") == true)
    }

    @Test func aFileOverridesTheBundledListAndAMissingFileRefusesToStart() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sources-\(UUID().uuidString).json")
        try Data(#"{"sources": [{"provider": "ashby", "board": "acme", "name": "Acme"}]}"#.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try SourcesConfiguration.load(file: url.path).sources.map(\.id) == ["ashby:acme"])

        let missing = url.path + ".missing"
        let error = #expect(throws: SourcesConfigurationError.self) { try SourcesConfiguration.load(file: missing) }
        #expect(error?.origin == missing)
        #expect(error?.description.hasPrefix("invalid job sources in \(missing): cannot read the file") == true)
    }
}
