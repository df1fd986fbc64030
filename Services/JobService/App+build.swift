import Foundation
import Hummingbird
import Logging
import ServiceKit

/// Builds the job-service application: shared scaffold, its own migrations.
func buildApplication(_ settings: JobServiceSettings, logger: Logger) async throws -> some ApplicationProtocol {
    let configuration = settings.common
    return try await ServiceApplication.build(
        configuration: configuration, migrations: try ServiceApplication.migrations(in: .module), logger: logger,
        routes: { router, dependencies in
            JobUserData.routes().register(on: router)
        })
}
