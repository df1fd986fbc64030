import CurlHTTP
import Logging

/// The connectors job-service can read with, one per provider: the five public
/// boards always, Adzuna and USAJobs only when their credentials are configured.
struct JobBoardConnectors: Sendable {
    let all: [any JobBoardConnector]

    init(_ connectors: [any JobBoardConnector]) {
        all = connectors
    }

    /// Every connector the settings allow, sharing one `JobBoardHTTP`.
    init(settings: JobServiceSettings, http: JobBoardHTTP) {
        let boards = settings.boards
        var connectors: [any JobBoardConnector] = [
            GreenhouseConnector(baseURL: boards.greenhouse, http: http),
            LeverConnector(baseURL: boards.lever, http: http),
            AshbyConnector(baseURL: boards.ashby, http: http),
            RemoteOKConnector(baseURL: boards.remoteOK, http: http),
            ArbeitnowConnector(baseURL: boards.arbeitnow, http: http),
        ]
        if let adzuna = AdzunaConnector.make(
            baseURL: boards.adzuna, appId: settings.adzunaAppId, appKey: settings.adzunaAppKey,
            country: settings.adzunaCountry, http: http)
        {
            connectors.append(adzuna)
        }
        if let usaJobs = USAJobsConnector.make(
            baseURL: boards.usaJobs, apiKey: settings.usaJobsAPIKey, email: settings.usaJobsEmail, http: http)
        {
            connectors.append(usaJobs)
        }
        self.init(connectors)
    }

    /// Every connector the settings allow, over `client` with the default retry policy.
    init(settings: JobServiceSettings, client: CurlHTTPClient, logger: Logger) {
        self.init(settings: settings, http: JobBoardHTTP(client: client, logger: logger))
    }

    /// The connector for `JobSource.provider`, nil when the provider is unknown
    /// or (Adzuna, USAJobs) not configured.
    func connector(for provider: String) -> (any JobBoardConnector)? {
        all.first { $0.provider == provider }
    }

    /// The providers that can be read, in order.
    var providers: [String] { all.map(\.provider) }
}
