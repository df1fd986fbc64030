import Database
import Foundation
import ServiceKit
import TestSupport

@testable import LearningService

/// A fresh, migrated learning-service database holding the shipped catalogue,
/// for tests that talk to the stores directly or need resources of their own:
/// resources are global, so each test gets its own.
struct LearningDatabase: Sendable {
    let url: String
    let pool: DatabasePool

    static func make() async throws -> LearningDatabase {
        let url = try await freshURL()
        let pool = DatabasePool(
            configuration: DatabaseConfiguration(
                url: url, minConnections: 0, maxConnections: 4, acquireTimeout: .seconds(10),
                searchPath: ["learning"], applicationName: "learning-service-tests"),
            logger: TestEnvironment.logger)
        return LearningDatabase(url: url, pool: pool)
    }

    /// A copy of one database migrated and given the catalogue once per test
    /// process: thirty tests each migrating and writing 1,184 resources kept
    /// PostgreSQL busy enough to starve the timing tests running beside them.
    static func freshURL() async throws -> String {
        try await TestEnvironment.makeFreshDatabase(prefix: "learning", template: try await template.value)
    }

    private static let template = Task<String, any Error> {
        let url = try await TestEnvironment.makeFreshDatabase(prefix: "learning_template")
        let pool = DatabasePool(
            configuration: DatabaseConfiguration(
                url: url, minConnections: 0, maxConnections: 1, acquireTimeout: .seconds(10),
                searchPath: ["learning"], applicationName: "learning-service-tests"),
            logger: TestEnvironment.logger)
        do {
            try await MigrationRunner.run(
                try ServiceApplication.migrations(in: LearningServiceResources.bundle), schema: "learning", on: pool,
                logger: TestEnvironment.logger)
            let catalogue = try Catalogue.shipped()
            _ = try await ResourceStore(database: pool).replaceCatalogue(catalogue.resources, hash: catalogue.hash)
        } catch {
            await pool.close()
            throw error
        }
        // A template may have no connections while it is copied.
        await pool.close()
        return URLComponents(string: url)?.path.split(separator: "/").last.map(String.init) ?? ""
    }

    func close() async { await pool.close() }
}
