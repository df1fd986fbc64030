import Foundation
import ServiceKit

/// What job-service keeps about a user. Postings belong to no one; the
/// application tracker (the first per-user data here) adds its rows to this
/// export and its delete when it lands.
struct JobUserData: Codable, Sendable {
    static func routes() -> UserDataRoutes<JobUserData> {
        UserDataRoutes(
            service: ServiceDescriptor.jobService.name, export: { _ in JobUserData() }, delete: { _ in })
    }
}
