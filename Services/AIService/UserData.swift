import Database
import Foundation
import ServiceKit

/// What ai-service keeps about a user: conversations.
struct AIUserData: Codable, Sendable {
    struct Conversation: Codable, Sendable {
        var id: String
        var title: String
        var createdAt: Date
        var updatedAt: Date
    }

    var conversations: [Conversation]

    static func routes(_ database: DatabasePool) -> UserDataRoutes<AIUserData> {
        UserDataRoutes(
            service: ServiceDescriptor.aiService.name,
            export: { userId in
                let rows = try await database.query(
                    """
                    SELECT id, title, created_at, updated_at FROM conversations
                    WHERE user_id = \(userId) ORDER BY created_at
                    """)
                return AIUserData(
                    conversations: try rows.map { row in
                        Conversation(
                            id: try row.decode(UUID.self, "id").uuidString.lowercased(), title: try row.decode("title"),
                            createdAt: try row.decode("created_at"), updatedAt: try row.decode("updated_at"))
                    })
            },
            delete: { userId in try await database.query("DELETE FROM conversations WHERE user_id = \(userId)") })
    }
}
