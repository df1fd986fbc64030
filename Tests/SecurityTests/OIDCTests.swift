import Foundation
import Security
import TestSupport
import Testing

@Suite("OIDC ID tokens (RS256)")
struct OIDCTests {
    enum Flag: Encodable {
        case bool(Bool)
        case string(String)

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .bool(let value): try container.encode(value)
            case .string(let value): try container.encode(value)
            }
        }
    }

    struct Claims: Encodable {
        var iss = OIDCTests.issuer
        var sub = "110169484474386276334"
        var aud: Audience = Audience(OIDCTests.clientId)
        var azp: String?
        var exp = OIDCTests.now.addingTimeInterval(3600)
        var iat = OIDCTests.now
        var nonce: String? = OIDCTests.nonce
        var email: String? = "ada@example.com"
        var emailVerified: Flag? = .bool(true)
        var name: String? = "Ada Lovelace"
        var givenName: String? = "Ada"
        var picture: String? = "https://example.com/ada.png"

        enum CodingKeys: String, CodingKey {
            case iss
            case sub
            case aud
            case azp
            case exp
            case iat
            case nonce
            case email
            case emailVerified = "email_verified"
            case name
            case givenName = "given_name"
            case picture
        }
    }

    static let issuer = "https://accounts.google.com"
    static let clientId = "1234.apps.googleusercontent.com"
    static let nonce = "n-0S6_WzA2Mj"
    static let now = Date(timeIntervalSince1970: 1_700_000_000)
    static var signer: RSASigningKey { RSASigningKey.shared }

    func validate(
        _ token: String, keys: JSONWebKeySet = OIDCTests.signer.jwks, nonce: String = OIDCTests.nonce,
        at time: Date = OIDCTests.now, leeway: Duration = .seconds(60)
    ) throws(JWTError) -> IDTokenClaims {
        try IDTokenValidator.validate(
            token, keys: keys, issuer: Self.issuer, clientId: Self.clientId, nonce: nonce, now: time, leeway: leeway)
    }

    func expectFailure(
        _ code: JWTError.Code, _ token: String, keys: JSONWebKeySet = OIDCTests.signer.jwks,
        at time: Date = OIDCTests.now, leeway: Duration = .seconds(60),
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        do {
            _ = try validate(token, keys: keys, at: time, leeway: leeway)
            Issue.record("token was accepted; expected \(code)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        }
    }

    func sign(_ claims: Claims = Claims(), kid: String? = OIDCTests.signer.kid) -> String {
        Self.signer.signRS256(claims, kid: kid)
    }

    @Test("a token signed by the provider's key validates")
    func valid() throws {
        let claims = try validate(sign())
        #expect(claims.sub == "110169484474386276334")
        #expect(claims.iss == Self.issuer)
        #expect(claims.aud.values == [Self.clientId])
        #expect(claims.email == "ada@example.com")
        #expect(claims.emailVerified == true)
        #expect(claims.name == "Ada Lovelace")
        #expect(claims.givenName == "Ada")
        #expect(claims.familyName == nil)
        #expect(claims.picture == "https://example.com/ada.png")
        #expect(claims.exp == Self.now.addingTimeInterval(3600))
        #expect(claims.nonce == Self.nonce)
    }

    @Test("the key is chosen by kid; without kid only a single-key set is accepted")
    func keySelection() throws {
        let both = JSONWebKeySet(keys: [RSASigningKey.other.jwk, Self.signer.jwk])
        _ = try validate(sign(), keys: both)
        _ = try validate(sign(kid: nil))
        expectFailure(.unknownKey, sign(kid: nil), keys: both)
        expectFailure(.unknownKey, sign(kid: "rotated-away"))
        expectFailure(.unknownKey, sign(), keys: JSONWebKeySet(keys: []))
        var encryptionOnly = Self.signer.jwk
        encryptionOnly.use = "enc"
        expectFailure(.unknownKey, sign(), keys: JSONWebKeySet(keys: [encryptionOnly]))
    }

    @Test("a token signed by another key fails, even under the right kid")
    func wrongKey() {
        let forged = RSASigningKey.other.signRS256(Claims(), kid: Self.signer.kid)
        expectFailure(.badSignature, forged)
        let token = sign()
        let parts = token.split(separator: ".").map(String.init)
        let tampered = Base64URL.encode(Array(#"{"iss":"https://accounts.google.com","sub":"admin"}"#.utf8))
        expectFailure(.badSignature, parts[0] + "." + tampered + "." + parts[2])
    }

    @Test("wrong iss, aud and nonce are rejected; nonce is required")
    func wrongClaims() {
        var claims = Claims()
        claims.iss = "https://accounts.google.com/"
        expectFailure(.wrongIssuer, sign(claims))
        claims = Claims()
        claims.aud = "someone-else.apps.googleusercontent.com"
        expectFailure(.wrongAudience, sign(claims))
        claims = Claims()
        claims.nonce = "another-login"
        expectFailure(.wrongNonce, sign(claims))
        claims.nonce = nil
        expectFailure(.missingClaim, sign(claims))
        #expect(throws: JWTError.self) { _ = try validate(sign(), nonce: "") }
    }

    @Test("expiry and issue time honour a leeway of at most 60 s")
    func times() throws {
        var claims = Claims()
        claims.exp = Self.now.addingTimeInterval(-30)
        _ = try validate(sign(claims))
        claims.exp = Self.now.addingTimeInterval(-61)
        expectFailure(.expired, sign(claims))
        expectFailure(.expired, sign(claims), leeway: .seconds(600))
        expectFailure(.expired, sign(claims.with { $0.exp = Self.now.addingTimeInterval(-5) }), leeway: .zero)
        claims = Claims()
        claims.iat = Self.now.addingTimeInterval(120)
        expectFailure(.issuedInFuture, sign(claims))
    }

    @Test("alg confusion: HS256 keyed with the public key, and alg none, are rejected")
    func algorithmConfusion() throws {
        let payload = try JSONEncoder().encode(Claims())
        for secret in [Array(try JSONEncoder().encode(Self.signer.jwk)), Base64URL.decode(Self.signer.jwk.n!)!] {
            let header = #"{"alg":"HS256","typ":"JWT","kid":"\#(Self.signer.kid)"}"#
            let input = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(payload)
            let token = input + "." + Base64URL.encode(HMACSHA256.authenticate(Array(input.utf8), key: secret))
            expectFailure(.unsupportedAlgorithm, token)
        }
        let none = Base64URL.encode(Array(#"{"alg":"none","kid":"\#(Self.signer.kid)"}"#.utf8))
        expectFailure(.unsupportedAlgorithm, none + "." + Base64URL.encode(payload) + ".")
        expectFailure(.unsupportedAlgorithm, Self.signer.signRS256(Claims(), header: ["alg": "rs256"]))
        expectFailure(.unsupportedAlgorithm, Self.signer.signRS256(Claims(), header: ["alg": "PS256"]))
    }

    @Test("azp must be the client when present or when aud has several values")
    func authorizedParty() throws {
        var claims = Claims()
        claims.aud = Audience([Self.clientId, "another-client"])
        expectFailure(.wrongAudience, sign(claims))
        claims.azp = "another-client"
        expectFailure(.wrongAudience, sign(claims))
        claims.azp = Self.clientId
        #expect(try validate(sign(claims)).azp == Self.clientId)
        claims.aud = Audience(Self.clientId)
        _ = try validate(sign(claims))
    }

    @Test("email_verified is read as a boolean or as LinkedIn's string")
    func emailVerified() throws {
        #expect(try validate(sign(Claims().with { $0.emailVerified = .string("true") })).emailVerified == true)
        #expect(try validate(sign(Claims().with { $0.emailVerified = .string("false") })).emailVerified == false)
        #expect(try validate(sign(Claims().with { $0.emailVerified = .bool(false) })).emailVerified == false)
        #expect(try validate(sign(Claims().with { $0.emailVerified = nil })).emailVerified == nil)
    }

    @Test("a provider's JWKS decodes, skipping keys we cannot use")
    func keySetDecoding() throws {
        let json = #"""
            {"keys":[
              {"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","kid":"ec"},
              {"kty":"RSA","use":"sig","alg":"RS256","kid":"\#(Self.signer.kid)","n":"\#(Self.signer.jwk.n!)","e":"AQAB","x5t":"ignored"},
              {"kty":"oct","k":"c2VjcmV0"},
              "not even an object"
            ]}
            """#
        let set = try JSONDecoder().decode(JSONWebKeySet.self, from: Data(json.utf8))
        #expect(set.rs256Keys.count == 1)
        #expect(set.rs256Keys.first?.kid == Self.signer.kid)
        _ = try validate(sign(), keys: set)
        _ = try validate(sign(kid: nil), keys: set)
        let roundTripped = try JSONDecoder().decode(JSONWebKeySet.self, from: JSONEncoder().encode(Self.signer.jwks))
        #expect(roundTripped.keys == [Self.signer.jwk])
    }

    @Test("RSA public keys under 2048 bits and malformed keys are refused")
    func weakKeys() throws {
        let weak = RSASigningKey(kid: "weak", bits: 1024)
        #expect(throws: JWTError(.keyTooShort, "RSA modulus has fewer than 2048 bits")) {
            _ = try RSAPublicKey(jwk: weak.jwk)
        }
        expectFailure(.keyTooShort, weak.signRS256(Claims(), kid: "weak"), keys: weak.jwks)
        let n = Base64URL.decode(Self.signer.jwk.n!)!
        #expect(throws: JWTError.self) { _ = try RSAPublicKey(modulus: n, exponent: [1]) }
        #expect(throws: JWTError.self) { _ = try RSAPublicKey(modulus: n, exponent: [2]) }
        #expect(throws: JWTError.self) { _ = try RSAPublicKey(modulus: n, exponent: []) }
        #expect(throws: JWTError.self) { _ = try RSAPublicKey(jwk: JSONWebKey(kty: "RSA", n: "!!", e: "AQAB")) }
        let key = try RSAPublicKey(modulus: [0] + n, exponent: [0, 1, 0, 1])
        #expect(key.bits == 2048)
        let message = Array("hello".utf8)
        let signature = Self.signer.signature(for: message)
        #expect(key.verifySHA256(signature: signature, message: message))
        #expect(!key.verifySHA256(signature: signature, message: Array("hellO".utf8)))
        #expect(!key.verifySHA256(signature: Array(signature.dropLast()), message: message))
        #expect(!key.verifySHA256(signature: [], message: message))
    }

    @Test("garbage ID tokens are malformed, never a crash")
    func garbage() {
        for input in ["", "a.b", "a.b.c", "...", String(repeating: "A", count: 9000) + ".e30.AA", "e30.e30.AA"] {
            #expect(throws: JWTError.self) { _ = try validate(input) }
        }
    }
}

extension OIDCTests.Claims {
    func with(_ change: (inout Self) -> Void) -> Self {
        var copy = self
        change(&copy)
        return copy
    }
}
