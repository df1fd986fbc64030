import CurlHTTP
import Foundation
import Security

/// The back-channel half of an OAuth login: exchanging the code (with the PKCE
/// verifier) at the provider's token endpoint, then establishing who the user
/// is — from the verified ID token (OIDC) or the user API (GitHub).
struct OAuthClient: Sendable {
    let http: CurlHTTPClient
    let keys: JWKSCache

    struct TokenResponse: Decodable {
        var accessToken: String?
        var idToken: String?
        var error: String?
        var errorDescription: String?

        enum CodingKeys: String, CodingKey {
            case accessToken = "access_token"
            case idToken = "id_token"
            case error
            case errorDescription = "error_description"
        }
    }

    func identity(
        provider: OAuthProviderSettings, code: String, redirectURI: String, state: OAuthLoginState
    ) async throws -> ExternalIdentity {
        let tokens = try await exchange(provider: provider, code: code, redirectURI: redirectURI, state: state)
        switch provider.kind {
        case .openIDConnect(let issuer, let jwksURL):
            guard let idToken = tokens.idToken, let nonce = state.nonce else {
                throw OAuthFailure.provider("\(provider.name) returned no ID token")
            }
            let claims = try await validate(
                idToken, jwksURL: jwksURL, issuer: issuer, clientId: provider.clientId ?? "", nonce: nonce)
            return ExternalIdentity(
                provider: provider.name, subject: claims.sub, email: claims.email,
                emailVerified: claims.emailVerified ?? false,
                displayName: claims.name
                    ?? [claims.givenName, claims.familyName].compactMap { $0 }.joined(
                        separator: " "),
                avatarURL: claims.picture)
        case .gitHub(let apiURL):
            guard let accessToken = tokens.accessToken else {
                throw OAuthFailure.provider("\(provider.name) returned no access token")
            }
            return try await gitHubIdentity(apiURL: apiURL, accessToken: accessToken)
        }
    }

    private func exchange(
        provider: OAuthProviderSettings, code: String, redirectURI: String, state: OAuthLoginState
    ) async throws -> TokenResponse {
        let form = FormEncoding.encode([
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI),
            ("client_id", provider.clientId ?? ""), ("client_secret", provider.clientSecret ?? ""),
            ("code_verifier", state.codeVerifier),
        ])
        let response: CurlResponse
        let body: [UInt8]
        do {
            (response, body) = try await http.data(
                for: CurlRequest(
                    method: "POST", url: provider.tokenURL,
                    headers: [
                        ("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json"),
                    ],
                    body: .bytes(Array(form.utf8)), timeouts: .init(connect: .seconds(3), total: .seconds(15)),
                    maxResponseBytes: 256 * 1024))
        } catch let error as CurlHTTPError {
            throw OAuthFailure.provider("\(provider.name) could not be reached (\(error.code))")
        }
        let tokens = try? JSONDecoder().decode(TokenResponse.self, from: Data(body))
        // RFC 6749 §5.2 errors come as 400/401; GitHub sends them with 200.
        if let error = tokens?.error {
            let reason = tokens?.errorDescription.map { "\(error): \($0)" } ?? error
            throw OAuthFailure.rejected("\(provider.name) refused the sign-in code (\(reason))")
        }
        guard response.status == 200, let tokens else {
            throw OAuthFailure.provider("\(provider.name)'s token endpoint answered HTTP \(response.status)")
        }
        return tokens
    }

    private func validate(
        _ idToken: String, jwksURL: String, issuer: String, clientId: String, nonce: String
    ) async throws -> IDTokenClaims {
        var keySet = try await keys.keys(at: jwksURL)
        var refreshed = false
        var issuers = Self.acceptedIssuers(issuer)[...]
        while true {
            let outcome: Result<IDTokenClaims, JWTError>
            do {
                outcome = .success(
                    try IDTokenValidator.validate(
                        idToken, keys: keySet, issuer: issuers.first ?? issuer, clientId: clientId, nonce: nonce))
            } catch {
                outcome = .failure(error)
            }
            switch outcome {
            case .success(let claims):
                return claims
            case .failure(let error) where error.code == .unknownKey && !refreshed:
                // The provider may have rotated its keys since we cached them.
                keySet = try await keys.keys(at: jwksURL, forceRefresh: true)
                refreshed = true
            case .failure(let error) where error.code == .wrongIssuer && issuers.count > 1:
                issuers = issuers.dropFirst()
            case .failure(let error):
                throw OAuthFailure.rejected("the ID token failed validation (\(error.message))")
            }
        }
    }

    /// Google documents both spellings of its issuer in ID tokens (OpenID Connect
    /// guide, "Validating an ID token"); every other provider has exactly one.
    static func acceptedIssuers(_ issuer: String) -> [String] {
        issuer == "https://accounts.google.com" ? [issuer, "accounts.google.com"] : [issuer]
    }

    struct GitHubUser: Decodable {
        var id: Int64
        var login: String
        var name: String?
        var email: String?
        var avatarURL: String?

        enum CodingKeys: String, CodingKey {
            case id, login, name, email
            case avatarURL = "avatar_url"
        }
    }

    struct GitHubEmail: Decodable {
        var email: String
        var primary: Bool
        var verified: Bool
    }

    private func gitHubIdentity(apiURL: String, accessToken: String) async throws -> ExternalIdentity {
        let user: GitHubUser = try await gitHubGet(apiURL + "/user", accessToken: accessToken)
        // The public profile e-mail is unverified; only a verified primary address counts.
        let emails: [GitHubEmail] = (try? await gitHubGet(apiURL + "/user/emails", accessToken: accessToken)) ?? []
        let primary = emails.first { $0.primary && $0.verified }
        return ExternalIdentity(
            provider: "github", subject: String(user.id), email: primary?.email ?? user.email,
            emailVerified: primary != nil, displayName: user.name ?? user.login, avatarURL: user.avatarURL)
    }

    private func gitHubGet<T: Decodable>(_ url: String, accessToken: String) async throws -> T {
        let response: CurlResponse
        let body: [UInt8]
        do {
            (response, body) = try await http.data(
                for: CurlRequest(
                    url: url,
                    headers: [
                        ("Authorization", "Bearer \(accessToken)"), ("Accept", "application/vnd.github+json"),
                        ("X-GitHub-Api-Version", "2022-11-28"), ("User-Agent", "CareerGini"),
                    ],
                    timeouts: .init(connect: .seconds(3), total: .seconds(15)), maxResponseBytes: 1024 * 1024))
        } catch let error as CurlHTTPError {
            throw OAuthFailure.provider("GitHub could not be reached (\(error.code))")
        }
        guard response.status == 200, let value = try? JSONDecoder().decode(T.self, from: Data(body)) else {
            throw OAuthFailure.provider("GitHub's \(url) answered HTTP \(response.status)")
        }
        return value
    }
}

/// `application/x-www-form-urlencoded` (WHATWG URL standard).
enum FormEncoding {
    static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._*")

    static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }

    static func escape(_ text: String) -> String {
        (text.addingPercentEncoding(withAllowedCharacters: unreserved.union(.init(charactersIn: " "))) ?? "")
            .replacingOccurrences(of: " ", with: "+")
    }
}
