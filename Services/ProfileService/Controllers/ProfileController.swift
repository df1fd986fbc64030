import Contracts
import Database
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ServiceKit
import Taxonomy

/// The signed-in user's profile: read it (with an ETag of its version),
/// replace it with a whole JSON Resume, or change parts with a JSON Merge
/// Patch. Whatever the user saves is kept as their edits, which win over
/// every import.
struct ProfileController: Sendable {
    let store: ProfileStore
    let validator: ResumeValidator

    func register(on router: Router<ServiceRequestContext>) {
        router.get("/profile", use: read)
        router.put("/profile", use: replace)
        router.patch("/profile", use: patch)
        router.get("/profile/provenance", use: provenance)
        router.get("/profile/export", use: export)
    }

    /// The profile as a strict JSON Resume v1.2.1 document for other tools: the
    /// schema allows no extra top-level keys, so `x-careergini` travels under
    /// `meta`, which does.
    @Sendable func export(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let userId = try context.requireUserId()
        guard let stored = try await store.read(userId), stored.document.pruned != nil else {
            throw ServiceError.notFound("no profile yet")
        }
        var headers = HTTPFields()
        headers[.contentDisposition] = "attachment; filename=\"resume.json\""
        return try JSONResponse.make(JSONResumeExport.document(stored), headers: headers)
    }

    @Sendable func read(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let userId = try context.requireUserId()
        guard let stored = try await store.readText(userId) else {
            throw ServiceError.notFound("no profile yet: import a résumé, a LinkedIn export or GitHub, or save one")
        }
        let etag = Self.etag(stored.version)
        if let match = request.headers[.ifNoneMatch], match == etag {
            return Response(status: .notModified, headers: [.eTag: etag])
        }
        return Response(
            status: .ok, headers: [.contentType: "application/json", .eTag: etag],
            body: ResponseBody(byteBuffer: ByteBuffer(string: stored.json)))
    }

    @Sendable func replace(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let userId = try context.requireUserId()
        let resume = try await request.decode(as: Resume.self, context: context)
        try validator.validate(resume)
        let expected = try Self.expectedVersion(request)
        let stored = try await store.save(userId, expectedVersion: expected) { current in
            var saved = try JSONValue(encoding: resume)
            // A plain JSON Resume from another tool carries no `x-careergini`: the
            // skills and preferences CareerGini holds stay as they are.
            if resume.careergini == nil, let existing = current["x-careergini"] {
                saved.set(existing, at: "/x-careergini")
            }
            return saved
        }
        return try Self.answer(stored)
    }

    @Sendable func patch(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let userId = try context.requireUserId()
        let patch = try await request.decode(as: JSONValue.self, context: context)
        guard patch.isObject else {
            throw ServiceError.badRequest("a merge patch (RFC 7396) for a profile is a JSON object")
        }
        let expected = try Self.expectedVersion(request)
        let validator = self.validator
        let stored = try await store.save(userId, expectedVersion: expected) { current in
            let patched = MergePatch.apply(patch, to: current)
            let resume: Resume
            do {
                resume = try patched.decoded(as: Resume.self)
            } catch {
                throw ServiceError(
                    .unprocessableContent, detail: "the patched profile is not a JSON Resume document: \(error)")
            }
            try validator.validate(resume)
            return try JSONValue(encoding: resume)
        }
        return try Self.answer(stored)
    }

    struct Provenance: Codable, Sendable {
        /// JSON Pointer → sources ("resume:<id>", "linkedin:<id>", "github:<id>", "user").
        var fields: [String: [String]]
        var sources: [ProfileSource]
    }

    @Sendable func provenance(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let userId = try context.requireUserId()
        guard let stored = try await store.read(userId) else {
            throw ServiceError.notFound("no profile yet")
        }
        return try JSONResponse.make(Provenance(fields: stored.provenance, sources: try await store.sources(userId)))
    }

    // MARK: - Helpers

    static func answer(_ stored: ProfileStore.Stored) throws -> Response {
        try JSONResponse.make(stored.document, headers: [.eTag: etag(stored.version)])
    }

    static func etag(_ version: Int64) -> String { "\"\(version)\"" }

    /// The version an `If-Match` names, or nil without one.
    static func expectedVersion(_ request: Request) throws -> Int64? {
        guard let header = request.headers[.ifMatch] else { return nil }
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("\""), trimmed.hasSuffix("\""), trimmed.count >= 3,
            let version = Int64(trimmed.dropFirst().dropLast())
        else {
            throw ServiceError(.preconditionFailed, detail: "If-Match must be the ETag GET /profile returned")
        }
        return version
    }
}
