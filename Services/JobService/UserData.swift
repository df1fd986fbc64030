import Contracts
import Database
import Foundation
import ServiceKit

/// What job-service keeps about a user: their tracked applications, each with
/// its posting snapshot and status history. Postings belong to no one.
struct JobUserData: Codable, Sendable {
    var applications: [JobApplication] = []

    static func routes(_ database: DatabasePool) -> UserDataRoutes<JobUserData> {
        let applications = ApplicationStore(database: database)
        return UserDataRoutes(
            service: ServiceDescriptor.jobService.name,
            export: { userId in JobUserData(applications: try await applications.export(userId)) },
            delete: { userId in try await applications.deleteAll(userId) })
    }
}
