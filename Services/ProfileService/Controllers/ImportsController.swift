import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import NIOPosix
import Security
import ServiceKit
import Taxonomy

/// Imports into the profile: a résumé file, a LinkedIn data export, a GitHub
/// account; and the history of every import. Each import becomes (or
/// refreshes) one source; the same file twice changes nothing.
struct ImportsController: Sendable {
    let store: ProfileStore
    let taxonomy: Taxonomy
    let extractor: DocumentTextExtractor
    let github: GitHubImporter
    let ai: AIServiceClient

    func register(on router: Router<ServiceRequestContext>) {
        router.post("/profile/imports/resume", use: importResume)
        router.post("/profile/imports/linkedin", use: importLinkedIn)
        router.post("/profile/imports/github", use: importGitHub)
        router.get("/profile/imports", use: history)
    }

    // MARK: - Résumé files

    @Sendable func importResume(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let userId = try context.requireUserId()
        let upload = try await receive(
            request, context, userId: userId, kind: .resume, what: "the résumé file (PDF, DOCX, TXT or Markdown)",
            defaultLabel: "résumé")
        if let earlier = upload.earlier { return try Self.answer(earlier) }
        let (bytes, label, fingerprint) = (upload.bytes, upload.label, upload.fingerprint)
        let document: ExtractedDocument
        do {
            document = try await extractor.extract(bytes, filename: label)
        } catch {
            try await store.recordFailure(userId, kind: .resume, label: label, error: error.reason)
            throw Self.problem(error)
        }
        let parser = ResumeTextParser(taxonomy: taxonomy)
        var resume = try await Self.offloaded { parser.parse(document.text) }
        var llm: LLMUsage?
        if Self.flag(request, "useModel", default: true), let identity = context.identity {
            do {
                let answer = try await ai.extractResume(
                    text: String(document.text.prefix(60_000)), draft: resume, for: identity)
                llm = answer.llm
                if let refined = answer.resume {
                    resume = ModelRefinement.merge(
                        deterministic: resume, model: refined, text: document.text, taxonomy: taxonomy)
                }
            } catch let unavailable as InternalServiceClient.Unavailable {
                llm = .unused(reason: unavailable.description)
            }
        } else {
            llm = .unused(reason: "not asked for (useModel=false)")
        }
        var details = ProfileStore.ImportDetails(counts: Self.counts(resume), llm: llm)
        details.counts["pages"] = document.pageCount
        let record = try await store.importSource(
            userId,
            ProfileStore.IncomingSource(
                kind: .resume, label: label, fingerprint: fingerprint, document: try JSONValue(encoding: resume)),
            details: details)
        return try Self.answer(record)
    }

    // MARK: - LinkedIn data export

    @Sendable func importLinkedIn(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let userId = try context.requireUserId()
        let upload = try await receive(
            request, context, userId: userId, kind: .linkedin, what: "the LinkedIn data export ZIP",
            defaultLabel: "LinkedIn export")
        if let earlier = upload.earlier { return try Self.answer(earlier) }
        let (bytes, label, fingerprint) = (upload.bytes, upload.label, upload.fingerprint)
        let reader = LinkedInExportReader(taxonomy: taxonomy)
        let read = try await Self.offloaded { () -> Result<LinkedInExport, LinkedInExportError> in
            Result { () throws(LinkedInExportError) -> LinkedInExport in try reader.read(bytes) }
        }
        let export: LinkedInExport
        switch read {
        case .success(let value): export = value
        case .failure(let error):
            try await store.recordFailure(userId, kind: .linkedin, label: label, error: error.reason)
            throw ServiceError(.unprocessableContent, detail: error.reason)
        }
        var details = ProfileStore.ImportDetails(counts: Self.counts(export.resume), files: export.files)
        details.warnings = export.missingFiles.map { "\($0) was not in the export" }
        let record = try await store.importSource(
            userId,
            ProfileStore.IncomingSource(
                kind: .linkedin, label: label, fingerprint: fingerprint,
                document: try JSONValue(encoding: export.resume)),
            details: details)
        return try Self.answer(record)
    }

    // MARK: - GitHub

    struct GitHubRequest: Codable, Sendable {
        var username: String
    }

    @Sendable func importGitHub(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let userId = try context.requireUserId()
        let body = try await request.decode(as: GitHubRequest.self, context: context)
        let username = body.username.trimmingCharacters(in: .whitespaces)
        let result: GitHubImport
        do {
            result = try await github.importProfile(username: username)
        } catch {
            if case .invalidUsername = error {
                throw ServiceError.badRequest(
                    error.reason, fieldErrors: [.init(pointer: "/username", reason: error.reason)])
            }
            try await store.recordFailure(userId, kind: .github, label: username, error: error.reason)
            throw Self.problem(error)
        }
        let login = result.resume.basics?.profiles?.first { $0.network == "GitHub" }?.username ?? username
        var details = ProfileStore.ImportDetails(counts: Self.counts(result.resume), warnings: result.warnings)
        details.counts.merge(result.counts) { $1 }
        let record = try await store.importSource(
            userId,
            ProfileStore.IncomingSource(
                kind: .github, label: login, fingerprint: "github:" + login.lowercased(),
                document: try JSONValue(encoding: result.resume)),
            details: details)
        return try Self.answer(record)
    }

    // MARK: - History

    struct ImportList: Codable, Sendable {
        var items: [ProfileImportRecord]
    }

    @Sendable func history(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let userId = try context.requireUserId()
        var limit = 50
        if let text = request.uri.queryParameters.get("limit") {
            guard let value = Int(text), (1...200).contains(value) else {
                throw ServiceError.badRequest(
                    "limit must be 1–200", fieldErrors: [.init(pointer: "/limit", reason: "must be 1–200")])
            }
            limit = value
        }
        return try JSONResponse.make(ImportList(items: try await store.imports(userId, limit: limit)))
    }

    // MARK: - Helpers

    /// Parsing a large upload takes CPU time (milliseconds for a résumé, up to
    /// seconds for a huge export): it runs on NIO's blocking pool, never on the
    /// cooperative threads every request shares.
    static func offloaded<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async throws -> Value {
        try await NIOThreadPool.singleton.runIfActive(work)
    }

    /// 201 when the import changed the profile, 200 when it changed nothing.
    static func answer(_ record: ProfileImportRecord) throws -> Response {
        try JSONResponse.make(record, status: record.status == .succeeded ? .created : .ok)
    }

    /// An uploaded file, and the import recorded when this user imported the
    /// same bytes before (then there is nothing to do).
    struct Upload {
        var bytes: [UInt8]
        var label: String
        var fingerprint: String
        var earlier: ProfileImportRecord?
    }

    /// Reads the upload and fingerprints it; the same file again is recorded
    /// as an unchanged import without being read a second time.
    func receive(
        _ request: Request, _ context: ServiceRequestContext, userId: UUID, kind: ProfileSourceKind, what: String,
        defaultLabel: String
    ) async throws -> Upload {
        let bytes = try await Self.upload(request, context, what: what)
        let label = Self.fileName(request.uri.queryParameters.get("filename")) ?? defaultLabel
        let fingerprint = Digest.hex(Digest.sha256(bytes))
        var upload = Upload(bytes: bytes, label: label, fingerprint: fingerprint)
        if let existing = try await store.existingSource(userId, kind: kind, fingerprint: fingerprint) {
            upload.earlier = try await store.recordUnchanged(userId, kind: kind, label: label, sourceId: existing)
        }
        return upload
    }

    /// The request body, whole; uploads are capped by the route's body limit (10 MiB).
    static func upload(_ request: Request, _ context: ServiceRequestContext, what: String) async throws -> [UInt8] {
        let buffer = try await request.body.collect(upTo: context.bodyLimit)
        guard buffer.readableBytes > 0 else {
            throw ServiceError.badRequest("send \(what) as the request body")
        }
        return Array(buffer.readableBytesView)
    }

    /// A display name from the client's file name: its last path component,
    /// printable, at most 200 characters.
    static func fileName(_ raw: String?) -> String? {
        guard let raw else { return nil }
        let last = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let printable = String(last.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) })
            .trimmingCharacters(in: .whitespaces)
        return printable.isEmpty ? nil : String(printable.prefix(200))
    }

    static func flag(_ request: Request, _ name: String, default value: Bool) -> Bool {
        guard let text = request.uri.queryParameters.get(name) else { return value }
        return !["false", "0", "no"].contains(text.lowercased())
    }

    static func counts(_ resume: Resume) -> [String: Int] {
        var counts: [String: Int] = [
            "work": resume.work?.count ?? 0, "education": resume.education?.count ?? 0,
            "skills": resume.careergini?.skills?.count ?? 0, "projects": resume.projects?.count ?? 0,
            "certificates": resume.certificates?.count ?? 0, "languages": resume.languages?.count ?? 0,
        ]
        counts = counts.filter { $0.value > 0 }
        return counts
    }

    static func problem(_ error: DocumentError) -> ServiceError {
        switch error {
        case .tooLarge: return ServiceError(.contentTooLarge, detail: error.reason)
        // pdftotext missing or failing is the server's fault, not the file's.
        case .extractorUnavailable: return ServiceError.unavailable(error.reason, retryAfterSeconds: 60)
        default: return ServiceError(.unprocessableContent, detail: error.reason)
        }
    }

    static func problem(_ error: GitHubImportError) -> ServiceError {
        switch error {
        case .invalidUsername: return ServiceError.badRequest(error.reason)
        case .userNotFound: return ServiceError(.unprocessableContent, detail: error.reason)
        case .rateLimited(let retryAfter):
            return ServiceError.unavailable(error.reason, retryAfterSeconds: max(1, Int(retryAfter.components.seconds)))
        case .unavailable: return ServiceError.unavailable(error.reason, retryAfterSeconds: 30)
        }
    }
}
