import Foundation
import ServiceKit

/// What learning-service keeps about a user. The catalogue belongs to no one;
/// learning paths and progress (the first per-user data here) add their rows
/// to this export and its delete when they land.
struct LearningUserData: Codable, Sendable {
    static func routes() -> UserDataRoutes<LearningUserData> {
        UserDataRoutes(
            service: ServiceDescriptor.learningService.name, export: { _ in LearningUserData() }, delete: { _ in })
    }
}
