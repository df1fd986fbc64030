import Contracts
import Foundation
import Hummingbird
import ServiceKit

/// `PUT /internal/profile/identity`: the gateway passes on what an OAuth
/// sign-in told about the user (name, verified e-mail, picture). It becomes an
/// `account` source with the lowest priority: a résumé or LinkedIn export, and
/// above all the user's own edits, say more. Not reachable through the gateway's
/// public routes (it never forwards `/internal/...`).
struct SignInIdentityController: Sendable {
    let store: ProfileStore

    func register(on router: Router<ServiceRequestContext>) {
        router.put("/internal/profile/identity", use: update)
    }

    @Sendable func update(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let userId = try context.requireUserId()
        let identity = try await request.decode(as: SignInIdentity.self, context: context)
        let provider = identity.provider.lowercased()
        guard ["google", "github", "linkedin"].contains(provider) else {
            throw ServiceError.badRequest(
                "unknown sign-in provider",
                fieldErrors: [.init(pointer: "/provider", reason: "google, github or linkedin")])
        }
        var basics = Resume.Basics(name: Self.clean(identity.name), email: Self.clean(identity.email))
        if let picture = Self.clean(identity.pictureURL), ResumeValidator.isWebURL(picture) { basics.image = picture }
        if let email = basics.email, !ResumeValidator.isEmail(email) { basics.email = nil }
        let record = try await store.importSource(
            userId,
            ProfileStore.IncomingSource(
                kind: .account, label: provider, fingerprint: "account:" + provider,
                document: try JSONValue(encoding: Resume(basics: basics))),
            details: ProfileStore.ImportDetails(), recordsUnchanged: false)
        return try JSONResponse.make(record)
    }

    static func clean(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return String(text.prefix(300))
    }
}
