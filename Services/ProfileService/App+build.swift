import Foundation
import Hummingbird
import Logging
import ServiceKit
import Taxonomy

/// Builds the profile-service application: shared scaffold, its migrations,
/// 10 MiB uploads under /profile/imports, the embedding worker beside the server.
func buildApplication(_ settings: ProfileServiceSettings, logger: Logger) async throws -> some ApplicationProtocol {
    let taxonomy = try Taxonomy.bundled()
    let configuration = settings.common
    func aiClient(_ dependencies: ServiceDependencies, timeout: Duration) -> AIServiceClient {
        AIServiceClient(
            client: InternalServiceClient(
                service: ServiceDescriptor.aiService.name,
                baseURL: configuration.serviceURLs[ServiceDescriptor.aiService.name], http: dependencies.http,
                tokens: dependencies.internalTokens, timeout: timeout))
    }
    return try await ServiceApplication.build(
        configuration: configuration, migrations: try ServiceApplication.migrations(in: .module), logger: logger,
        bodyLimits: BodyLimits(prefixes: [("/profile/imports", BodyLimits.uploadBytes)]),
        services: { dependencies in
            [
                EmbeddingWorker(
                    database: dependencies.database, ai: aiClient(dependencies, timeout: .seconds(60)),
                    interval: settings.embeddingInterval, logger: logger)
            ]
        },
        routes: { router, dependencies in
            let store = ProfileStore(database: dependencies.database, taxonomy: taxonomy)
            ProfileUserData.routes(dependencies.database).register(on: router)
            ProfileController(store: store, validator: ResumeValidator(taxonomy: taxonomy)).register(on: router)
            SkillsController(store: store, taxonomy: taxonomy).register(on: router)
            SourcesController(store: store).register(on: router)
            SignInIdentityController(store: store).register(on: router)
            LearningEvidenceController(store: store, taxonomy: taxonomy).register(on: router)
            ImportsController(
                store: store, taxonomy: taxonomy,
                extractor: DocumentTextExtractor(pdftotext: settings.pdftotext, timeout: settings.pdfTimeout),
                github: GitHubImporter(
                    client: GitHubClient(
                        baseURL: settings.gitHubURL, token: settings.gitHubToken, http: dependencies.http,
                        redis: dependencies.redis, logger: logger),
                    taxonomy: taxonomy),
                ai: aiClient(dependencies, timeout: settings.extractionTimeout)
            ).register(on: router)
            ResumeVersionsController(database: dependencies.database).register(on: router)
        })
}
