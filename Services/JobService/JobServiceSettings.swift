import Database
import Foundation
import ServiceKit

/// job-service's configuration: where each job board's API is (fakes in tests),
/// the optional keyed boards, which sources to ingest and how often.
struct JobServiceSettings: Sendable {
    /// Base URLs of the public job-board APIs.
    struct BoardURLs: Sendable {
        var greenhouse: String
        var lever: String
        var ashby: String
        var remoteOK: String
        var arbeitnow: String
        var adzuna: String
        var usaJobs: String
    }

    var common: ServiceConfiguration
    var boards: BoardURLs
    /// Adzuna's app id and key; the Adzuna connector runs only when both are set.
    var adzunaAppId: String?
    var adzunaAppKey: String?
    /// Adzuna's country code ("gb", "us", "de", ...).
    var adzunaCountry: String
    /// USAJobs' API key and the e-mail it was issued to (its `User-Agent`); the
    /// USAJobs connector runs only when both are set.
    var usaJobsAPIKey: String?
    var usaJobsEmail: String?
    /// The sources file (JSON); the bundled default list when nil.
    var sourcesFile: String?
    /// How often the scheduler ingests every source; 0 turns the scheduler off.
    var ingestInterval: Duration
    /// Load the bundled sample postings when the database has none.
    var loadSampleData: Bool
    /// How often the job embedding queue is checked for postings needing a vector.
    var embeddingInterval: Duration
    /// How long recommendations wait for the profile before answering 503.
    var profileTimeout: Duration

    /// The prefix of every Redis key job-service writes (search cache, ingestion
    /// lock): "jobs:<database name>:", so deployments (and test databases) that
    /// share one Redis never read each other's cache or take each other's lock.
    var redisNamespace: String {
        let path = URLComponents(string: common.database.url)?.path ?? ""
        let name = path.split(separator: "/").last.map(String.init) ?? "careergini"
        return "jobs:\(name):"
    }
}

func loadSettings(_ reader: inout EnvironmentReader) throws -> JobServiceSettings {
    let common = try ServiceConfiguration.load(for: .jobService, from: &reader)
    func board(_ name: String, _ defaultURL: String) throws -> String {
        try reader.url(name, default: defaultURL, schemes: ["http", "https"])
    }
    return JobServiceSettings(
        common: common,
        boards: JobServiceSettings.BoardURLs(
            greenhouse: try board("GREENHOUSE_API_URL", "https://boards-api.greenhouse.io"),
            lever: try board("LEVER_API_URL", "https://api.lever.co"),
            ashby: try board("ASHBY_API_URL", "https://api.ashbyhq.com"),
            remoteOK: try board("REMOTEOK_API_URL", "https://remoteok.com"),
            arbeitnow: try board("ARBEITNOW_API_URL", "https://www.arbeitnow.com"),
            adzuna: try board("ADZUNA_API_URL", "https://api.adzuna.com"),
            usaJobs: try board("USAJOBS_API_URL", "https://data.usajobs.gov")),
        adzunaAppId: reader.optionalString("ADZUNA_APP_ID"),
        adzunaAppKey: reader.optionalString("ADZUNA_APP_KEY"),
        adzunaCountry: reader.string("ADZUNA_COUNTRY", default: "gb"),
        usaJobsAPIKey: reader.optionalString("USAJOBS_API_KEY"),
        usaJobsEmail: reader.optionalString("USAJOBS_EMAIL"),
        sourcesFile: reader.optionalString("JOB_SOURCES_FILE"),
        ingestInterval: try reader.milliseconds("JOB_INGEST_INTERVAL_MS", default: .seconds(3600), in: 0...604_800_000),
        loadSampleData: try reader.bool("JOB_SAMPLE_DATA", default: true),
        embeddingInterval: try reader.milliseconds(
            "JOB_EMBEDDING_INTERVAL_MS", default: .seconds(10), in: 50...3_600_000),
        profileTimeout: try reader.milliseconds("JOB_PROFILE_TIMEOUT_MS", default: .seconds(2), in: 100...60_000))
}
