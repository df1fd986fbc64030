import CurlHTTP
import Logging
import ServiceKit
import Synchronization

/// Makes the service's one `LanguageModels` from its settings the first time
/// the application build hands out its dependencies (the shared HTTP client
/// exists only from then on), and gives the same instance to every later caller.
final class ModelsBox: Sendable {
    private let state = Mutex<(models: LanguageModels?, ollama: OllamaClient?)>((nil, nil))

    var models: LanguageModels? { state.withLock { $0.models } }
    var ollama: OllamaClient? { state.withLock { $0.ollama } }

    func make(_ settings: AIServiceSettings, dependencies: ServiceDependencies, logger: Logger) -> LanguageModels {
        state.withLock { (state: inout (models: LanguageModels?, ollama: OllamaClient?)) -> LanguageModels in
            if let models = state.models { return models }
            let backend: any LanguageModelBackend
            switch settings.backend {
            case .ollama:
                let client = OllamaClient(
                    baseURL: settings.ollamaURL, http: dependencies.http,
                    timeouts: OllamaClient.Timeouts(
                        connect: settings.connectTimeout, firstByte: settings.firstByteTimeout,
                        streamStall: settings.streamStallTimeout))
                state.ollama = client
                backend = client
            case .openAICompatible:
                backend = OpenAICompatibleClient(
                    configuration: OpenAICompatibleClient.Configuration(
                        baseURL: settings.openAICompatibleURL, apiKey: settings.openAICompatibleAPIKey,
                        connectTimeout: settings.connectTimeout, firstByteTimeout: settings.firstByteTimeout,
                        stallTimeout: settings.streamStallTimeout),
                    http: dependencies.http)
            }
            let models = LanguageModels(
                backend: backend, routing: settings.routing,
                queues: ModelQueues(
                    concurrency: settings.maxConcurrencyPerModel, maxWaiting: settings.maxQueuePerModel),
                logger: logger)
            state.models = models
            return models
        }
    }
}

extension LanguageModels {
    /// `/ready`'s entry for the model runtime: reported, never required.
    var readinessCheck: ReadinessCheck {
        ReadinessCheck(name: "models", required: false) { [self] in
            if case .failure(let unavailable) = await refresh() {
                throw LanguageModelError(.unreachable, unavailable.reason)
            }
            let status = await status()
            if status.missing.isEmpty { return "\(backend.kind) \(status.version ?? ""): all routed models present" }
            return "\(backend.kind) \(status.version ?? ""): missing \(status.missing.joined(separator: ", "))"
                + " (POST /models/pull)"
        }
    }
}
