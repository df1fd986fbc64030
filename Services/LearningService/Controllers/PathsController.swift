import Contracts
import Foundation
import HTTPTypes
import Hummingbird
import ServiceKit
import Taxonomy

/// Learning paths: build one from skills or an analyze report, list and read
/// the caller's, record progress per step, delete. A user only ever sees their
/// own: another's path is a 404. Finishing a step sends "learning" evidence to
/// profile-service, right away when it answers, later (never lost) when not.
struct PathsController: Sendable {
    let builder: PathBuilder
    let store: PathStore
    let profiles: ProfileSkillsClient
    let outbox: EvidenceOutbox
    let taxonomy: Taxonomy

    static let defaultListLimit = 50
    static let maxListLimit = 100

    func register(on router: Router<ServiceRequestContext>) {
        let group = router.group("/learning/paths")
        group.post(use: create)
        group.get(use: list)
        group.get("/{id}", use: read)
        group.delete("/{id}", use: delete)
        group.patch("/{id}/steps/{step}", use: updateStep)
    }

    @Sendable func create(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let userId = try context.requireUserId()
        let body = try await request.decode(as: JSONValue.self, context: context)
        let plan = try PathRequest(body: body, taxonomy: taxonomy)
        let built = try await builder.build(plan, learnerLevels: try await learnerLevels(context.identity))
        let path = try await store.create(userId, built)
        var headers = HTTPFields()
        headers[.location] = "/learning/paths/\(path.id)"
        return try JSONResponse.make(path, status: .created, headers: headers)
    }

    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let userId = try context.requireUserId()
        var limit = Self.defaultListLimit
        if let text = request.uri.queryParameters.get("limit") {
            guard let value = Int(text), (1...Self.maxListLimit).contains(value) else {
                throw ServiceError.badRequest(
                    "limit must be 1 to \(Self.maxListLimit)",
                    fieldErrors: [.init(pointer: "/limit", reason: "1 to \(Self.maxListLimit)")])
            }
            limit = value
        }
        return try JSONResponse.make(PathList(items: try await store.list(userId, limit: limit)))
    }

    @Sendable func read(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let userId = try context.requireUserId()
        guard let path = try await store.path(userId, id: try Self.pathId(context)) else { throw Self.notFound }
        return try JSONResponse.make(path)
    }

    @Sendable func updateStep(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let userId = try context.requireUserId()
        let pathId = try Self.pathId(context)
        guard let text = context.parameters.get("step"), let step = StepReference(text) else {
            throw ServiceError.notFound("no such step")
        }
        let change = try StepChange(body: try await request.decode(as: JSONValue.self, context: context))
        guard let update = try await store.updateStep(userId, pathId: pathId, step: step, change) else {
            throw ServiceError.notFound("no such path or step")
        }
        var path = update.path
        if update.finished {
            // The status is saved already; this only tells profile-service now rather than on a retry.
            let delivered = await outbox.deliver(for: userId)
            for index in path.steps.indices where delivered.contains(path.steps[index].id) {
                path.steps[index].evidence = .recorded
            }
        }
        return try JSONResponse.make(path)
    }

    @Sendable func delete(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let userId = try context.requireUserId()
        guard try await store.delete(userId, id: try Self.pathId(context)) else { throw Self.notFound }
        return Response(status: .noContent)
    }

    /// The learner's levels from their profile; nil when profile-service can't
    /// say (the path then includes every prerequisite rather than fail).
    func learnerLevels(_ identity: RequestIdentity?) async throws -> [String: Int]? {
        guard let identity else { return nil }
        do {
            return try await profiles.levels(for: identity)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            return nil
        }
    }

    static let notFound = ServiceError.notFound("no such learning path")

    /// A malformed id names no path: 404, like someone else's.
    static func pathId(_ context: ServiceRequestContext) throws -> UUID {
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text) else { throw notFound }
        return id
    }
}
