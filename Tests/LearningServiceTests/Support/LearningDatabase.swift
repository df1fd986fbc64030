import Database
import Foundation
import ServiceKit
import TestSupport

@testable import LearningService

/// A fresh, migrated learning-service database for tests that talk to the
/// stores directly: resources are global, so each test gets its own.
struct LearningDatabase: Sendable {
    let url: String
    let pool: DatabasePool

    static func make() async throws -> LearningDatabase {
        let url = try await TestEnvironment.makeFreshDatabase(prefix: "learning")
        let pool = DatabasePool(
            configuration: DatabaseConfiguration(
                url: url, minConnections: 0, maxConnections: 4, acquireTimeout: .seconds(10),
                searchPath: ["learning"], applicationName: "learning-service-tests"),
            logger: TestEnvironment.logger)
        try await MigrationRunner.run(
            try ServiceApplication.migrations(in: LearningServiceResources.bundle), schema: "learning", on: pool,
            logger: TestEnvironment.logger)
        return LearningDatabase(url: url, pool: pool)
    }

    func close() async { await pool.close() }
}
