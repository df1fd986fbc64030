import Database
import Foundation
import ServiceKit
import TestSupport

@testable import JobService

/// A fresh, migrated job-service database for tests that talk to the stores
/// directly: postings are global, so each test gets its own.
struct JobDatabase: Sendable {
    let url: String
    let pool: DatabasePool

    static func make() async throws -> JobDatabase {
        try await open(try await TestEnvironment.makeFreshDatabase(prefix: "jobs"))
    }

    /// The database at `url`, migrated.
    static func open(_ url: String) async throws -> JobDatabase {
        let pool = DatabasePool(
            configuration: DatabaseConfiguration(
                url: url, minConnections: 0, maxConnections: 4, acquireTimeout: .seconds(10), searchPath: ["jobs"],
                applicationName: "job-service-tests"),
            logger: TestEnvironment.logger)
        try await MigrationRunner.run(
            try ServiceApplication.migrations(in: JobServiceResources.bundle), schema: "jobs", on: pool,
            logger: TestEnvironment.logger)
        return JobDatabase(url: url, pool: pool)
    }

    func close() async { await pool.close() }
}
