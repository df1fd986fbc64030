import Contracts
import Foundation
import ServiceKit

/// What learning-service keeps about a user: their learning paths with every
/// step's progress, and evidence of finished steps still on its way to
/// profile-service (the catalogue and live finds belong to no one).
struct LearningUserData: Codable, Sendable {
    var paths: [LearningPath]
    var pendingEvidence: [LearningEvidence]

    static func routes(_ store: PathStore) -> UserDataRoutes<LearningUserData> {
        UserDataRoutes(
            service: ServiceDescriptor.learningService.name,
            export: { userId in
                LearningUserData(
                    paths: try await store.export(userId), pendingEvidence: try await store.pendingEvidence(userId))
            },
            delete: { userId in try await store.deleteAll(userId) })
    }
}
