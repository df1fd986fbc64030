import Contracts
import Foundation

/// One entry of the shipped catalogue file, exactly as written there.
struct CatalogueEntry: Codable, Sendable, Equatable {
    enum Cost: String, Codable, Sendable {
        case free, paid
    }

    var id: String
    var title: String
    var provider: String
    var url: String
    var type: LearningResource.Kind
    var level: LearningResource.Level
    var cost: Cost
    var estimatedHours: Double
    var language: String
    var skills: [String]

    var resource: LearningResource {
        LearningResource(
            id: id, title: title, provider: provider, url: url, type: type, level: level, free: cost == .free,
            estimatedHours: estimatedHours, language: language, skills: skills, source: .catalogue)
    }
}
