import CurlHTTP
import ServiceKit
import TestSupport
import Testing

@testable import JobService

@Suite("Job board connector set")
struct JobBoardConnectorsTests {
    /// Settings as `loadSettings` reads them, without touching a database.
    static func settings(_ extra: [String: String] = [:]) throws -> JobServiceSettings {
        var environment = [
            "DATABASE_URL": "postgres://careergini@127.0.0.1:1/careergini", "REDIS_URL": "redis://127.0.0.1:1",
            "PORT": "0", "LOG_LEVEL": "critical", "INTERNAL_SECRET": TestEnvironment.internalSecret,
            "AI_SERVICE_URL": "http://127.0.0.1:1", "PROFILE_SERVICE_URL": "http://127.0.0.1:1",
            "GREENHOUSE_API_URL": "http://127.0.0.1:2", "ADZUNA_API_URL": "http://127.0.0.1:3",
        ]
        environment.merge(extra) { $1 }
        var reader = EnvironmentReader(environment)
        return try loadSettings(&reader)
    }

    static let publicBoards = ["greenhouse", "lever", "ashby", "remoteok", "arbeitnow"]

    @Test("without keys: the five public boards, and no Adzuna or USAJobs")
    func publicBoardsOnly() throws {
        let client = CurlHTTPClient()
        defer { client.shutdown() }
        let connectors = JobBoardConnectors(
            settings: try Self.settings(), client: client, logger: TestEnvironment.logger)
        #expect(connectors.providers == Self.publicBoards)
        #expect(connectors.connector(for: "adzuna") == nil)
        #expect(connectors.connector(for: "usajobs") == nil)
        #expect(connectors.connector(for: "monster") == nil)
        let greenhouse = try #require(connectors.connector(for: "greenhouse") as? GreenhouseConnector)
        #expect(greenhouse.baseURL == "http://127.0.0.1:2")
    }

    @Test("half a credential is no credential")
    func halfCredentials() throws {
        let client = CurlHTTPClient()
        defer { client.shutdown() }
        let connectors = JobBoardConnectors(
            settings: try Self.settings(["ADZUNA_APP_ID": "id-only", "USAJOBS_API_KEY": "key-only"]), client: client,
            logger: TestEnvironment.logger)
        #expect(connectors.providers == Self.publicBoards)
    }

    @Test("with keys: Adzuna and USAJobs too, configured from the settings")
    func keyedBoards() throws {
        let client = CurlHTTPClient()
        defer { client.shutdown() }
        let connectors = JobBoardConnectors(
            settings: try Self.settings([
                "ADZUNA_APP_ID": "app", "ADZUNA_APP_KEY": "key", "ADZUNA_COUNTRY": "DE",
                "USAJOBS_API_KEY": "usa-key", "USAJOBS_EMAIL": "ops@example.org",
            ]), client: client, logger: TestEnvironment.logger)
        #expect(connectors.providers == Self.publicBoards + ["adzuna", "usajobs"])
        let adzuna = try #require(connectors.connector(for: "adzuna") as? AdzunaConnector)
        #expect(adzuna.country == "de")
        #expect(adzuna.baseURL == "http://127.0.0.1:3")
        let usaJobs = try #require(connectors.connector(for: "usajobs") as? USAJobsConnector)
        #expect(usaJobs.email == "ops@example.org")
        #expect(usaJobs.baseURL == "https://data.usajobs.gov")
    }

    @Test(
        "the keyed connectors read through their fakes once configured", arguments: [BoardUnderTest.adzuna, .usajobs])
    func keyedConnectorsRead(board: BoardUnderTest) async throws {
        try await BoardTesting.withHTTP { http in
            try await board.run(postings: FakeJobPosting.numbered(2), http: http) { connector, source, _ in
                let fetch = try await connector.fetch(source)
                #expect(fetch.postings.count == 2)
            }
        }
    }
}
