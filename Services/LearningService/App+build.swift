import Foundation
import Hummingbird
import Logging
import ServiceKit
import Taxonomy

/// Builds the learning-service application: shared scaffold, its own migrations,
/// the catalogue written into PostgreSQL beside the server.
func buildApplication(_ settings: LearningServiceSettings, logger: Logger) async throws -> some ApplicationProtocol {
    let configuration = settings.common
    let taxonomy = try Taxonomy.bundled()
    let catalogue = try Catalogue.bundled(taxonomy: taxonomy)
    let uncovered = catalogue.uncovered(taxonomy)
    if !uncovered.isEmpty {
        logger.warning(
            "learning catalogue has fewer than two free resources for some skills",
            metadata: ["skills": "\(uncovered.joined(separator: ", "))"])
    }
    // One per process, shared by the background service and the routes.
    var catalogueSync: CatalogueSync?
    func sync(_ dependencies: ServiceDependencies) -> CatalogueSync {
        if let catalogueSync { return catalogueSync }
        let made = CatalogueSync(
            catalogue: catalogue, store: ResourceStore(database: dependencies.database), logger: logger)
        catalogueSync = made
        return made
    }
    return try await ServiceApplication.build(
        configuration: configuration, migrations: try ServiceApplication.migrations(in: .module), logger: logger,
        services: { dependencies in [sync(dependencies)] },
        routes: { router, dependencies in
            LearningUserData.routes().register(on: router)
            _ = sync(dependencies)
        })
}

/// This module's resources (migrations, the catalogue), named so tests can
/// migrate a database of their own.
enum LearningServiceResources {
    static var bundle: Bundle { .module }
}
