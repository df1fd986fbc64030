import Contracts
import Database
import Foundation
import HTTPTypes
import Security
import ServiceKit
import Taxonomy

/// The profile's storage: sources, the user's edits, and the aggregated
/// document with its provenance and normalised skills, always written together
/// in one transaction under the profile row's lock, so concurrent imports and
/// edits of one user apply one after another and none is lost.
struct ProfileStore: Sendable {
    let database: DatabasePool
    let taxonomy: Taxonomy

    /// The stored profile: document, provenance and version (for If-Match).
    struct Stored: Sendable {
        var document: JSONValue
        var provenance: [String: [String]]
        var version: Int64
        var updatedAt: Date
    }

    func read(_ userId: UUID) async throws -> Stored? {
        let rows = try await database.query(
            "SELECT document, provenance, version, updated_at FROM profiles WHERE user_id = \(userId)")
        guard let row = rows.first else { return nil }
        return Stored(
            document: try row.decode(JSONB<JSONValue>.self, "document").value,
            provenance: try row.decode(JSONB<[String: [String]]>.self, "provenance").value,
            version: try row.decode("version"), updatedAt: try row.decode("updated_at"))
    }

    /// The stored document as PostgreSQL's JSON text and its version: `GET
    /// /profile` passes it through without decoding, the hot path stays cheap.
    func readText(_ userId: UUID) async throws -> (json: String, version: Int64)? {
        let rows = try await database.query(
            """
            SELECT document::text AS json, version FROM profiles
            WHERE user_id = \(userId) AND document <> '{}'::jsonb
            """)
        guard let row = rows.first else { return nil }
        return (try row.decode("json"), try row.decode("version"))
    }

    /// A source as an import produced it, before it is stored.
    struct IncomingSource: Sendable {
        var kind: ProfileSourceKind
        var label: String
        var fingerprint: String
        var document: JSONValue
    }

    /// What an import reports besides the changes, filled in by the importer.
    struct ImportDetails: Sendable {
        var counts: [String: Int] = [:]
        var files: [ImportFileReport]?
        var warnings: [String] = []
        var llm: LLMUsage?
    }

    /// Whether a file with this fingerprint was imported before; the caller can
    /// then skip reading it again.
    func existingSource(_ userId: UUID, kind: ProfileSourceKind, fingerprint: String) async throws -> UUID? {
        let rows = try await database.query(
            """
            SELECT id FROM profile_sources WHERE user_id = \(userId) AND kind = \(kind.rawValue)
            AND fingerprint = \(fingerprint)
            """)
        return try rows.first.map { try $0.decode(UUID.self, "id") }
    }

    /// Stores (or refreshes) a source, recomputes the profile and records the
    /// import, all in one transaction. An identical source changes nothing and
    /// is recorded as `unchanged` — unless `recordsUnchanged` is false (the
    /// sign-in identity is refreshed at every sign-in); that answer is not stored.
    func importSource(
        _ userId: UUID, _ incoming: IncomingSource, details: ImportDetails, recordsUnchanged: Bool = true
    ) async throws
        -> ProfileImportRecord
    {
        try await database.withTransaction { connection in
            let current = try await Self.lock(userId, connection)
            return try await Self.apply(
                incoming, userId: userId, current: current, details: details, recordsUnchanged: recordsUnchanged,
                taxonomy: taxonomy, connection)
        }
    }

    /// `importSource`'s work inside a transaction that already holds the
    /// profile row's lock (`current`), for callers that read before they write.
    static func apply(
        _ incoming: IncomingSource, userId: UUID, current: Locked, details: ImportDetails, recordsUnchanged: Bool,
        taxonomy: Taxonomy, _ connection: DatabaseConnection
    ) async throws -> ProfileImportRecord {
        let contentHash = try Self.hash(incoming.document)
        let existing = try await connection.query(
            """
            SELECT id, content_hash FROM profile_sources WHERE user_id = \(userId)
            AND kind = \(incoming.kind.rawValue) AND fingerprint = \(incoming.fingerprint) FOR UPDATE
            """)
        var sourceId = try existing.first.map { try $0.decode(UUID.self, "id") }
        var changes = ProfileChangeSummary()
        let status: ProfileImportRecord.Status
        if let row = existing.first, try row.decode(String.self, "content_hash") == contentHash {
            status = .unchanged
        } else {
            let rows = try await connection.query(
                """
                INSERT INTO profile_sources (user_id, kind, label, fingerprint, content_hash, document)
                VALUES (\(userId), \(incoming.kind.rawValue), \(incoming.label), \(incoming.fingerprint),
                        \(contentHash), \(try JSONB(incoming.document)))
                ON CONFLICT (user_id, kind, fingerprint) DO UPDATE SET label = EXCLUDED.label,
                    content_hash = EXCLUDED.content_hash, document = EXCLUDED.document, updated_at = now()
                RETURNING id
                """)
            sourceId = try rows.first?.decode(UUID.self, "id")
            let after = try await Self.recompute(userId, edits: current.edits, connection)
            changes = ProfileDifferences(from: current.document, to: after.document).summary
            try await Self.write(userId, after, edits: current.edits, taxonomy: taxonomy, connection)
            status = .succeeded
        }
        if status == .unchanged, !recordsUnchanged {
            return ProfileImportRecord(
                id: UUID().uuidString.lowercased(), kind: incoming.kind, label: incoming.label, status: status,
                sourceId: sourceId?.uuidString.lowercased(), counts: details.counts, changes: changes, files: nil,
                warnings: [], error: nil, llm: nil, createdAt: Date())
        }
        return try await Self.record(
            userId, kind: incoming.kind, label: incoming.label, status: status,
            sourceId: sourceId, changes: changes, details: details, error: nil, connection)
    }

    /// Records a re-upload of a file already imported: nothing to read or change.
    func recordUnchanged(
        _ userId: UUID, kind: ProfileSourceKind, label: String, sourceId: UUID
    ) async throws
        -> ProfileImportRecord
    {
        try await database.withConnection { connection in
            try await Self.record(
                userId, kind: kind, label: label, status: .unchanged, sourceId: sourceId,
                changes: ProfileChangeSummary(), details: ImportDetails(), error: nil, connection)
        }
    }

    /// Records an import that read nothing (bad file, unknown GitHub user).
    func recordFailure(_ userId: UUID, kind: ProfileSourceKind, label: String, error: String) async throws {
        try await database.withConnection { connection in
            _ = try await Self.record(
                userId, kind: kind, label: label, status: .failed, sourceId: nil, changes: ProfileChangeSummary(),
                details: ImportDetails(), error: error, connection)
        }
    }

    /// Saves the document the user wants: their edits become whatever differs
    /// from what the sources say. `expectedVersion` (If-Match) guards against
    /// overwriting a change the user hasn't seen.
    func save(
        _ userId: UUID, expectedVersion: Int64?, _ transform: @Sendable (JSONValue) throws -> JSONValue
    )
        async throws -> Stored
    {
        try await database.withTransaction { connection in
            let current = try await Self.lock(userId, connection)
            if let expectedVersion, expectedVersion != current.version {
                throw ServiceError(
                    .preconditionFailed,
                    detail: "the profile changed since you read it (version \(current.version)); reload and retry")
            }
            let saved = try transform(current.document)
            // One read of the sources serves both: what they say alone, then with the edits.
            let contributions = try await Self.contributions(userId, connection)
            let imported = ProfileAggregator.aggregate(contributions)
            let edits = ProfileEdits(imported: imported.document, saved: saved)
            let after = ProfileAggregator.aggregate(contributions, edits: edits)
            return try await Self.write(userId, after, edits: edits, taxonomy: taxonomy, connection)
        }
    }

    func sources(_ userId: UUID) async throws -> [ProfileSource] {
        let rows = try await database.query(
            """
            SELECT id, kind, label, created_at, updated_at FROM profile_sources WHERE user_id = \(userId)
            ORDER BY updated_at DESC, id
            """)
        return try rows.map { row in
            ProfileSource(
                id: try row.decode(UUID.self, "id").uuidString.lowercased(),
                kind: ProfileSourceKind(rawValue: try row.decode("kind")) ?? .resume, label: try row.decode("label"),
                importedAt: try row.decode("created_at"), updatedAt: try row.decode("updated_at"))
        }
    }

    /// Removes a source and everything only it contributed; the user's edits stay.
    /// False when the user has no such source.
    func deleteSource(_ userId: UUID, sourceId: UUID) async throws -> Bool {
        try await database.withTransaction { connection in
            let current = try await Self.lock(userId, connection)
            let rows = try await connection.query(
                "DELETE FROM profile_sources WHERE id = \(sourceId) AND user_id = \(userId) RETURNING id")
            guard !rows.isEmpty else { return false }
            let after = try await Self.recompute(userId, edits: current.edits, connection)
            try await Self.write(userId, after, edits: current.edits, taxonomy: taxonomy, connection)
            return true
        }
    }

    func imports(_ userId: UUID, limit: Int) async throws -> [ProfileImportRecord] {
        let rows = try await database.query(
            """
            SELECT id, source_id, kind, label, status, report, created_at FROM profile_imports
            WHERE user_id = \(userId) ORDER BY created_at DESC, id DESC LIMIT \(limit)
            """)
        return try rows.map(Self.importRecord)
    }

    // MARK: - Inside the transaction

    struct Locked {
        var document: JSONValue
        var edits: ProfileEdits
        var version: Int64
    }

    /// Creates the user's profile row if needed and locks it for the transaction.
    static func lock(_ userId: UUID, _ connection: DatabaseConnection) async throws -> Locked {
        try await connection.query(
            "INSERT INTO profiles (user_id) VALUES (\(userId)) ON CONFLICT (user_id) DO NOTHING")
        let rows = try await connection.query(
            "SELECT document, edits, version FROM profiles WHERE user_id = \(userId) FOR UPDATE")
        guard let row = rows.first else { throw DatabaseError(.serverError, "the profile row vanished") }
        return Locked(
            document: try row.decode(JSONB<JSONValue>.self, "document").value,
            edits: try row.decode(JSONB<ProfileEdits>.self, "edits").value, version: try row.decode("version"))
    }

    /// The profile from the user's sources and edits.
    static func recompute(
        _ userId: UUID, edits: ProfileEdits, _ connection: DatabaseConnection
    ) async throws
        -> AggregatedProfile
    {
        ProfileAggregator.aggregate(try await contributions(userId, connection), edits: edits)
    }

    /// The user's sources in priority order: most recently refreshed first, the
    /// sign-in identity and finished learning steps last (they say the least).
    static func contributions(
        _ userId: UUID, _ connection: DatabaseConnection
    ) async throws
        -> [ProfileContribution]
    {
        let rows = try await connection.query(
            """
            SELECT id, kind, document FROM profile_sources WHERE user_id = \(userId)
            ORDER BY kind IN ('account', 'learning'), updated_at DESC, id
            """)
        let contributions = try rows.map { row in
            ProfileContribution(
                source:
                    "\(try row.decode(String.self, "kind")):\(try row.decode(UUID.self, "id").uuidString.lowercased())",
                document: try row.decode(JSONB<JSONValue>.self, "document").value)
        }
        return contributions
    }

    @discardableResult
    static func write(
        _ userId: UUID, _ profile: AggregatedProfile, edits: ProfileEdits, taxonomy: Taxonomy,
        _ connection: DatabaseConnection
    ) async throws -> Stored {
        let rows = try await connection.query(
            """
            UPDATE profiles SET document = \(try JSONB(profile.document)), edits = \(try JSONB(edits)),
                provenance = \(try JSONB(profile.provenance)), version = version + 1, updated_at = now()
            WHERE user_id = \(userId) RETURNING version, updated_at
            """)
        guard let row = rows.first else { throw DatabaseError(.serverError, "the profile row vanished") }
        try await ProfileSkillsTable.replace(userId, from: profile.document, connection)
        try await EmbeddingQueue.enqueueIfChanged(
            userId, document: profile.document, taxonomy: taxonomy, connection)
        return Stored(
            document: profile.document, provenance: profile.provenance, version: try row.decode("version"),
            updatedAt: try row.decode("updated_at"))
    }

    static func record(
        _ userId: UUID, kind: ProfileSourceKind, label: String, status: ProfileImportRecord.Status,
        sourceId: UUID?, changes: ProfileChangeSummary, details: ImportDetails, error: String?,
        _ connection: DatabaseConnection
    ) async throws -> ProfileImportRecord {
        let report = ImportReport(
            counts: details.counts, changes: changes, files: details.files, warnings: details.warnings,
            error: error, llm: details.llm)
        let rows = try await connection.query(
            """
            INSERT INTO profile_imports (user_id, source_id, kind, label, status, report)
            VALUES (\(userId), \(sourceId), \(kind.rawValue), \(label), \(status.rawValue), \(try JSONB(report)))
            RETURNING id, source_id, kind, label, status, report, created_at
            """)
        guard let row = rows.first else { throw DatabaseError(.serverError, "the import record was not written") }
        return try importRecord(row)
    }

    /// The stored part of an import record.
    struct ImportReport: Codable, Sendable {
        var counts: [String: Int]
        var changes: ProfileChangeSummary
        var files: [ImportFileReport]?
        var warnings: [String]
        var error: String?
        var llm: LLMUsage?
    }

    static func importRecord(_ row: DatabaseRow) throws -> ProfileImportRecord {
        let report = try row.decode(JSONB<ImportReport>.self, "report").value
        return ProfileImportRecord(
            id: try row.decode(UUID.self, "id").uuidString.lowercased(),
            kind: ProfileSourceKind(rawValue: try row.decode("kind")) ?? .resume, label: try row.decode("label"),
            status: ProfileImportRecord.Status(rawValue: try row.decode("status")) ?? .failed,
            sourceId: try row.decode(UUID?.self, "source_id")?.uuidString.lowercased(), counts: report.counts,
            changes: report.changes, files: report.files, warnings: report.warnings, error: report.error,
            llm: report.llm, createdAt: try row.decode("created_at"))
    }

    /// SHA-256 of the canonical (sorted-key) JSON of a document.
    static func hash(_ document: JSONValue) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Digest.hex(Digest.sha256(Array(try encoder.encode(document))))
    }
}
