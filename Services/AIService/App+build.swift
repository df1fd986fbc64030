import CurlHTTP
import Foundation
import Hummingbird
import Logging
import ServiceKit

/// Reads this service's configuration from the environment.
func loadSettings(_ reader: inout EnvironmentReader) throws -> AIServiceSettings {
    let common = try ServiceConfiguration.load(for: .aiService, from: &reader)
    let ollamaURL = try reader.url("OLLAMA_URL", default: "http://127.0.0.1:11434", schemes: ["http", "https"])
    return AIServiceSettings(common: common, ollamaURL: ollamaURL)
}

/// Builds the AI service application. Ollama's reachability is reported in
/// `/ready` for information; it never makes the service unready.
func buildApplication(_ settings: AIServiceSettings, logger: Logger) async throws -> some ApplicationProtocol {
    let ollamaProbe = CurlHTTPClient(configuration: .init(maxCachedConnections: 2))
    let ollamaURL = settings.ollamaURL
    let ollama = ReadinessCheck(name: "ollama", required: false) {
        let request = CurlRequest(
            url: ollamaURL + "/api/version", timeouts: .init(connect: .milliseconds(500), total: .seconds(1)),
            maxResponseBytes: 64 * 1024)
        let (response, body) = try await ollamaProbe.data(for: request)
        guard response.status == 200 else { throw CurlHTTPError(.transferFailed, "answered \(response.status)") }
        return "ollama " + String(decoding: body, as: UTF8.self)
    }
    return try await ServiceApplication.build(
        configuration: settings.common, migrations: try ServiceApplication.migrations(in: .module), logger: logger,
        readinessChecks: [ollama])
}
