import CurlHTTP
import Foundation
import Hummingbird
import Logging
import ServiceKit
import Taxonomy

/// Reads this service's configuration from the environment.
func loadSettings(_ reader: inout EnvironmentReader) throws -> AIServiceSettings {
    let common = try ServiceConfiguration.load(for: .aiService, from: &reader)
    let backend = try reader.choice("LLM_BACKEND", default: AIServiceSettings.Backend.ollama)
    let ollamaURL = try reader.url("OLLAMA_URL", default: "http://127.0.0.1:11434", schemes: ["http", "https"])
    let openAIURL = try reader.url(
        "OPENAI_COMPATIBLE_URL", default: "http://127.0.0.1:8080", schemes: ["http", "https"])
    let apiKey = reader.optionalString("OPENAI_COMPATIBLE_API_KEY")
    let connect = try reader.milliseconds("LLM_CONNECT_TIMEOUT_MS", default: .seconds(2), in: 50...60_000)
    let firstByte = try reader.milliseconds(
        "LLM_FIRST_BYTE_TIMEOUT_MS", default: .seconds(120), in: 100...1_800_000)
    let stall = try reader.milliseconds("LLM_STREAM_STALL_TIMEOUT_MS", default: .seconds(60), in: 100...1_800_000)
    let concurrency = try reader.int("OLLAMA_MAX_CONCURRENCY", default: 1, in: 1...64)
    let queue = try reader.int("OLLAMA_MAX_QUEUE", default: 8, in: 0...1_000)
    let warmUp = try reader.bool("LLM_WARM_UP", default: true)
    let routing = try ModelRouting.load(&reader)
    return AIServiceSettings(
        common: common, backend: backend, ollamaURL: ollamaURL, openAICompatibleURL: openAIURL,
        openAICompatibleAPIKey: apiKey, connectTimeout: connect, firstByteTimeout: firstByte,
        streamStallTimeout: stall, maxConcurrencyPerModel: concurrency, maxQueuePerModel: queue, warmUp: warmUp,
        routing: routing)
}

/// Builds the AI service application. The model runtime's state is reported in
/// `/ready` and `GET /models` for information; it never makes the service unready.
func buildApplication(_ settings: AIServiceSettings, logger: Logger) async throws -> some ApplicationProtocol {
    let taxonomy = try Taxonomy.bundled()
    logger.info(
        "model routing loaded",
        metadata: [
            "source": "\(settings.routing.source)", "models": "\(settings.routing.models.joined(separator: ", "))",
            "adjustments": "\(settings.routing.adjustments.joined(separator: "; "))",
        ])
    let box = ModelsBox()
    return try await ServiceApplication.build(
        configuration: settings.common, migrations: try ServiceApplication.migrations(in: .module), logger: logger,
        onServerRunning: {
            guard let models = box.models else { return }
            // Reading the runtime's models and warming up run beside the server,
            // never delaying readiness.
            Task {
                await models.logStartupState()
                if settings.warmUp { await models.warmUp() }
            }
        },
        readinessChecks: { dependencies in
            [box.make(settings, dependencies: dependencies, logger: logger).readinessCheck]
        },
        routes: { router, dependencies in
            let models = box.make(settings, dependencies: dependencies, logger: logger)
            let services = ServiceClients(settings.common, dependencies: dependencies)
            AIUserData.routes(dependencies.database).register(on: router)
            ModelsController(models: models, ollama: box.ollama).register(on: router)
            InternalModelRoutesController(models: models).register(on: router)
            AnalyzeController(
                analyzer: SkillGapAnalyzer(taxonomy: taxonomy),
                narrator: AnalysisNarrator(models: models, taxonomy: taxonomy), profiles: services.profile,
                database: dependencies.database
            ).register(on: router)
            ResumeController(
                generator: ResumeGenerator(taxonomy: taxonomy, models: models), profiles: services.profile,
                jobs: services.jobs
            ).register(on: router)
            EnrichmentController(
                models: models, taxonomy: taxonomy, jobs: services.jobs, learning: services.learning,
                profiles: services.profile
            ).register(on: router)
        })
}

/// The other services the AI service calls, each on behalf of the requesting user.
struct ServiceClients: Sendable {
    let profile: ProfileClient
    let jobs: JobClient
    let learning: LearningClient

    init(_ configuration: ServiceConfiguration, dependencies: ServiceDependencies) {
        func client(_ descriptor: ServiceDescriptor) -> InternalServiceClient {
            InternalServiceClient(
                service: descriptor.name, baseURL: configuration.serviceURLs[descriptor.name], http: dependencies.http,
                tokens: dependencies.internalTokens)
        }
        profile = ProfileClient(client: client(.profileService))
        jobs = JobClient(client: client(.jobService))
        learning = LearningClient(client: client(.learningService))
    }
}
