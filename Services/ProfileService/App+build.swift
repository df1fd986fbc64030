import Foundation
import Hummingbird
import Logging
import ServiceKit

/// Reads this service's configuration from the environment.
func loadSettings(_ reader: inout EnvironmentReader) throws -> ServiceConfiguration {
    try ServiceConfiguration.load(for: .profileService, from: &reader)
}

/// Builds the profile-service application: shared scaffold, its own migrations.
func buildApplication(_ configuration: ServiceConfiguration, logger: Logger) async throws -> some ApplicationProtocol {
    try await ServiceApplication.build(
        configuration: configuration, migrations: try ServiceApplication.migrations(in: .module), logger: logger,
        routes: { router, dependencies in
            ProfileUserData.routes(dependencies.database).register(on: router)
            ProfileController(database: dependencies.database).register(on: router)
            ResumeVersionsController(database: dependencies.database).register(on: router)
        })
}
