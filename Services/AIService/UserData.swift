import Contracts
import Database
import Foundation
import ServiceKit

/// What ai-service keeps about a user: conversations and skill-gap analyses.
struct AIUserData: Codable, Sendable {
    struct Conversation: Codable, Sendable {
        var id: String
        var title: String
        var createdAt: Date
        var updatedAt: Date
    }

    struct Analysis: Codable, Sendable {
        var id: String
        var targetKind: String
        var target: String
        var score: Double
        var result: JSONValue
        var createdAt: Date
    }

    var conversations: [Conversation]
    var analyses: [Analysis]

    static func routes(_ database: DatabasePool) -> UserDataRoutes<AIUserData> {
        UserDataRoutes(
            service: ServiceDescriptor.aiService.name,
            export: { userId in
                let conversations = try await database.query(
                    """
                    SELECT id, title, created_at, updated_at FROM conversations
                    WHERE user_id = \(userId) ORDER BY created_at
                    """)
                let analyses = try await database.query(
                    """
                    SELECT id, target_kind, target_label, score::float8 AS score, result, created_at FROM analyses
                    WHERE user_id = \(userId) ORDER BY created_at, id
                    """)
                return AIUserData(
                    conversations: try conversations.map { row in
                        Conversation(
                            id: try row.decode(UUID.self, "id").uuidString.lowercased(), title: try row.decode("title"),
                            createdAt: try row.decode("created_at"), updatedAt: try row.decode("updated_at"))
                    },
                    analyses: try analyses.map { row in
                        Analysis(
                            id: try row.decode(UUID.self, "id").uuidString.lowercased(),
                            targetKind: try row.decode("target_kind"), target: try row.decode("target_label"),
                            score: try row.decode("score"),
                            result: try row.decode(JSONB<JSONValue>.self, "result").value,
                            createdAt: try row.decode("created_at"))
                    })
            },
            delete: { userId in
                try await database.withTransaction { connection in
                    try await connection.query("DELETE FROM analyses WHERE user_id = \(userId)")
                    try await connection.query("DELETE FROM conversations WHERE user_id = \(userId)")
                }
            })
    }
}
