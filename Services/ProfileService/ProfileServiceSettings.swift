import ServiceKit

/// profile-service's configuration: the common settings, where GitHub's API is
/// (a fake in tests, GitHub Enterprise for some operators), and how long the
/// helpers it runs may take.
struct ProfileServiceSettings: Sendable {
    var common: ServiceConfiguration
    /// GitHub REST API base URL.
    var gitHubURL: String
    /// Optional token: 5,000 requests an hour instead of 60.
    var gitHubToken: String?
    /// `pdftotext` (poppler-utils) to run for PDF uploads.
    var pdftotext: String
    /// Wall-clock limit for one PDF's text extraction.
    var pdfTimeout: Duration
    /// The extraction model's time to refine one résumé; past it the parser's result stands.
    var extractionTimeout: Duration
    /// How often the embedding queue is checked for profiles needing a vector.
    var embeddingInterval: Duration
}

func loadSettings(_ reader: inout EnvironmentReader) throws -> ProfileServiceSettings {
    let common = try ServiceConfiguration.load(for: .profileService, from: &reader)
    return ProfileServiceSettings(
        common: common,
        gitHubURL: try reader.url("GITHUB_API_URL", default: "https://api.github.com", schemes: ["http", "https"]),
        gitHubToken: reader.optionalString("GITHUB_TOKEN"),
        pdftotext: reader.string("PDFTOTEXT_PATH", default: "pdftotext"),
        pdfTimeout: try reader.milliseconds("PDF_EXTRACT_TIMEOUT_MS", default: .seconds(20), in: 500...300_000),
        extractionTimeout: try reader.milliseconds(
            "RESUME_EXTRACTION_TIMEOUT_MS", default: .seconds(45), in: 100...600_000),
        embeddingInterval: try reader.milliseconds(
            "PROFILE_EMBEDDING_INTERVAL_MS", default: .seconds(5), in: 50...3_600_000))
}
