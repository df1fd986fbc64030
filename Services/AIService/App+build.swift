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
    try await ServiceApplication.build(
        configuration: settings.common, migrations: try ServiceApplication.migrations(in: .module), logger: logger,
        readinessChecks: { dependencies in
            [.http("ollama", url: settings.ollamaURL + "/api/version", required: false, http: dependencies.http)]
        },
        routes: { router, dependencies in
            AIUserData.routes(dependencies.database).register(on: router)
        })
}
