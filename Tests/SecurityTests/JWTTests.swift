import Foundation
import Security
import Testing

@Suite("JWT HS256")
struct JWTTests {
    struct Claims: Codable, Equatable {
        var sub: String
        var aud: Audience
        var iss: String?
        var iat: Date?
        var nbf: Date?
        var exp: Date?
        var scope: String?
    }

    static let secret = Array("0123456789abcdef0123456789abcdef".utf8)
    static let key = try! HS256Key(secret: secret)
    static let now = Date(timeIntervalSince1970: 1_700_000_000)
    static let expectations = JWTExpectations(type: "at+jwt", audience: "careergini-api", issuer: "careergini")

    static func claims(
        iat: TimeInterval? = 0, nbf: TimeInterval? = nil, exp: TimeInterval? = 900, aud: Audience = "careergini-api"
    ) -> Claims {
        Claims(
            sub: "user-1", aud: aud, iss: "careergini", iat: iat.map { now.addingTimeInterval($0) },
            nbf: nbf.map { now.addingTimeInterval($0) }, exp: exp.map { now.addingTimeInterval($0) }, scope: "all")
    }

    static func sign(_ claims: Claims, type: String = "at+jwt") throws -> String {
        try JWT.signHS256(claims, type: type, key: key)
    }

    /// A token with an arbitrary header and payload, signed (or not) with our secret.
    static func forge(header: String, payload: String, signed: Bool = true) -> String {
        let input = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(payload.utf8))
        guard signed else { return input + "." }
        return input + "." + Base64URL.encode(HMACSHA256.authenticate(Array(input.utf8), key: secret))
    }

    static let validPayload =
        #"{"sub":"user-1","aud":"careergini-api","iss":"careergini","iat":1700000000,"exp":1700000900}"#

    func verify(_ token: String, at time: Date = JWTTests.now) throws(JWTError) -> Claims {
        try JWT.verifyHS256(token, as: Claims.self, key: Self.key, expecting: Self.expectations, now: time)
    }

    func expectFailure(_ code: JWTError.Code, _ token: String, at time: Date = JWTTests.now) {
        #expect(throws: JWTError.self) { _ = try verify(token, at: time) }
        do {
            _ = try verify(token, at: time)
        } catch {
            #expect(error.code == code, "\(error)")
        }
    }

    @Test("sign then verify round trips the claims")
    func roundTrip() throws {
        let claims = Self.claims()
        let token = try Self.sign(claims)
        #expect(token.split(separator: ".").count == 3)
        #expect(try verify(token) == claims)
        let header = Base64URL.decode(token.split(separator: ".")[0]).map { String(decoding: $0, as: UTF8.self) }
        #expect(header == #"{"alg":"HS256","typ":"at+jwt"}"#)
        let payload = String(decoding: Base64URL.decode(token.split(separator: ".")[1])!, as: UTF8.self)
        #expect(payload.contains(#""exp":1700000900"#))
    }

    @Test("typ matches case-insensitively and with an application/ prefix")
    func typeComparison() throws {
        _ = try verify(try Self.sign(Self.claims(), type: "AT+JWT"))
        _ = try verify(try Self.sign(Self.claims(), type: "application/at+jwt"))
    }

    @Test("aud may be an array containing us")
    func audienceArray() throws {
        let claims = Self.claims(aud: Audience(["other", "careergini-api"]))
        #expect(try verify(try Self.sign(claims)).aud.values == ["other", "careergini-api"])
    }

    @Test("alg none is rejected with and without a signature part")
    func algNone() {
        let header = #"{"alg":"none","typ":"at+jwt"}"#
        expectFailure(.unsupportedAlgorithm, Self.forge(header: header, payload: Self.validPayload, signed: false))
        expectFailure(.unsupportedAlgorithm, Self.forge(header: header, payload: Self.validPayload))
        let twoParts = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(Self.validPayload.utf8))
        expectFailure(.malformed, twoParts)
    }

    @Test("other algorithms, lower-case HS256, missing alg and crit are rejected")
    func otherAlgorithms() {
        for alg in ["HS512", "RS256", "hs256", "ES256", "HS256 "] {
            expectFailure(
                .unsupportedAlgorithm,
                Self.forge(header: #"{"alg":"\#(alg)","typ":"at+jwt"}"#, payload: Self.validPayload))
        }
        expectFailure(.unsupportedAlgorithm, Self.forge(header: #"{"typ":"at+jwt"}"#, payload: Self.validPayload))
        expectFailure(
            .unsupportedAlgorithm,
            Self.forge(header: #"{"alg":"HS256","typ":"at+jwt","crit":["exp"]}"#, payload: Self.validPayload))
        // The forged token with the right header verifies, so the rejections above are about alg.
        #expect(throws: Never.self) {
            _ = try verify(Self.forge(header: #"{"alg":"HS256","typ":"at+jwt"}"#, payload: Self.validPayload))
        }
    }

    @Test("tampered payload or signature fails the signature check")
    func tampering() throws {
        let token = try Self.sign(Self.claims())
        let parts = token.split(separator: ".").map(String.init)
        let otherPayload = Base64URL.encode(
            Array(Self.validPayload.replacingOccurrences(of: "user-1", with: "admin").utf8))
        expectFailure(.badSignature, parts[0] + "." + otherPayload + "." + parts[2])
        var signature = Base64URL.decode(parts[2])!
        signature[0] ^= 1
        expectFailure(.badSignature, parts[0] + "." + parts[1] + "." + Base64URL.encode(signature))
        expectFailure(.badSignature, parts[0] + "." + parts[1] + "." + Base64URL.encode(signature.prefix(31)))
        let otherKey = try HS256Key(secret: Array(repeating: 7, count: 32))
        let foreign = try JWT.signHS256(Self.claims(), type: "at+jwt", key: otherKey)
        expectFailure(.badSignature, foreign)
    }

    @Test("expiry honours the leeway")
    func expiry() throws {
        let token = try Self.sign(Self.claims(exp: 900))
        _ = try verify(token, at: Self.now.addingTimeInterval(900 + 29))
        expectFailure(.expired, token, at: Self.now.addingTimeInterval(900 + 30))
        expectFailure(.expired, token, at: Self.now.addingTimeInterval(3600))
        let strict = JWTExpectations(type: "at+jwt", audience: "careergini-api", leeway: .zero)
        #expect(throws: JWTError(.expired, "token expired at 1700000900.0")) {
            _ = try JWT.verifyHS256(
                token, as: Claims.self, key: Self.key, expecting: strict, now: Self.now.addingTimeInterval(900))
        }
    }

    @Test("leeway is clamped to 60 seconds")
    func leewayClamp() throws {
        #expect(JWTExpectations(type: "at+jwt", audience: "a", leeway: .seconds(3600)).leeway == .seconds(60))
        var lenient = JWTExpectations(type: "at+jwt", audience: "careergini-api")
        lenient.leeway = .seconds(3600)
        let token = try Self.sign(Self.claims(exp: 900))
        #expect(throws: JWTError.self) {
            _ = try JWT.verifyHS256(
                token, as: Claims.self, key: Self.key, expecting: lenient, now: Self.now.addingTimeInterval(961))
        }
    }

    @Test("nbf and iat in the future are rejected beyond the leeway")
    func futureTimes() throws {
        expectFailure(.notYetValid, try Self.sign(Self.claims(nbf: 120)))
        _ = try verify(try Self.sign(Self.claims(nbf: 20)))
        expectFailure(.issuedInFuture, try Self.sign(Self.claims(iat: 120, exp: 900)))
        _ = try verify(try Self.sign(Self.claims(iat: 20)))
    }

    @Test("exp and iat are required and must be numbers")
    func requiredTimes() throws {
        expectFailure(.missingClaim, try Self.sign(Self.claims(exp: nil)))
        expectFailure(.missingClaim, try Self.sign(Self.claims(iat: nil)))
        let header = #"{"alg":"HS256","typ":"at+jwt"}"#
        for bad in [#""1700000900""#, "true", "null", "[1700000900]"] {
            let payload = #"{"sub":"user-1","aud":"careergini-api","iss":"careergini","iat":1700000000,"exp":\#(bad)}"#
            let token = Self.forge(header: header, payload: payload)
            #expect(throws: JWTError.self) { _ = try verify(token) }
        }
        let stringIat = #"{"sub":"u","aud":"careergini-api","iss":"careergini","iat":"now","exp":1700000900}"#
        expectFailure(.malformed, Self.forge(header: header, payload: stringIat))
    }

    @Test("wrong aud, iss and typ are rejected")
    func wrongAudienceIssuerType() throws {
        expectFailure(.wrongAudience, try Self.sign(Self.claims(aud: "someone-else")))
        expectFailure(.wrongAudience, try Self.sign(Self.claims(aud: Audience(["a", "b"]))))
        var claims = Self.claims()
        claims.iss = "evil"
        expectFailure(.wrongIssuer, try Self.sign(claims))
        expectFailure(.wrongType, try Self.sign(Self.claims(), type: "internal+jwt"))
        expectFailure(.wrongType, try Self.sign(Self.claims(), type: "JWT"))
        let noTyp = Self.forge(header: #"{"alg":"HS256"}"#, payload: Self.validPayload)
        expectFailure(.wrongType, noTyp)
    }

    @Test("secrets under 32 bytes are refused")
    func shortKey() {
        #expect(throws: JWTError.self) { _ = try HS256Key(secret: Array(repeating: 1, count: 31)) }
        #expect(throws: JWTError.self) { _ = try HS256Key(secret: "too short") }
        do {
            _ = try HS256Key(secret: [UInt8](repeating: 1, count: 31))
        } catch {
            #expect(error.code == .keyTooShort)
        }
        #expect(throws: Never.self) { _ = try HS256Key(secret: Array(repeating: 1, count: 32)) }
    }

    @Test("tokens over 8 KiB are refused")
    func oversized() throws {
        var claims = Self.claims()
        claims.scope = String(repeating: "x", count: 9 * 1024)
        expectFailure(.malformed, try Self.sign(claims))
    }

    @Test("garbage never crashes and is malformed")
    func garbage() {
        let inputs = [
            "", ".", "..", "...", "a.b", "a.b.c", "a.b.c.d", "!!!.???.###", "eyJ.eyJ.sig", "\u{0}.\u{0}.\u{0}",
            "e30.e30.", "e30.e30.e30", "W10.W10.AA", "IkhTMjU2Ig.e30.AA", "e30=.e30.AA", "eyJhbGciOiJIUzI1NiJ9",
            "🙂.🙂.🙂", String(repeating: ".", count: 10_000), "e30.e30.A", "e30.e31.AA",
        ]
        for input in inputs {
            #expect(throws: JWTError.self) { _ = try verify(input) }
        }
        let header = Base64URL.encode(Array(#"{"alg":"HS256","typ":"at+jwt"}"#.utf8))
        expectFailure(.malformed, header + "." + Base64URL.encode(Array("[1,2]".utf8)) + ".AA")
        expectFailure(.malformed, header + "." + Base64URL.encode(Array("not json".utf8)) + ".AA")
        let padded = Self.forge(header: #"{"alg":"HS256","typ":"at+jwt"}"#, payload: Self.validPayload + " ") + "="
        expectFailure(.malformed, padded)
    }

    @Test("a token minted by PyJWT 2.15 verifies")
    func pyJWTInterop() throws {
        // python3 -c 'import jwt; print(jwt.encode({"sub": "user-42", "aud": ["careergini-api", "other"],
        //   "iss": "https://auth.careergini.test", "iat": 1700000000, "nbf": 1700000000, "exp": 1700000900,
        //   "scope": "profile:read"}, "careergini-interop-secret-0123456789abcdef", algorithm="HS256",
        //   headers={"typ": "at+jwt"}))'
        let token =
            "eyJhbGciOiJIUzI1NiIsInR5cCI6ImF0K2p3dCJ9.eyJzdWIiOiJ1c2VyLTQyIiwiYXVkIjpbImNhcmVlcmdpbmktYXBpIiwib3RoZXIiXSwia"
            + "XNzIjoiaHR0cHM6Ly9hdXRoLmNhcmVlcmdpbmkudGVzdCIsImlhdCI6MTcwMDAwMDAwMCwibmJmIjoxNzAwMDAwMDAwLCJleHAiOjE3MDAwMD"
            + "A5MDAsInNjb3BlIjoicHJvZmlsZTpyZWFkIn0._znc-Do9GRdK8AUKYIRAJPgeqpnNjYd7ZZ6IXXGGIGI"
        let key = try HS256Key(secret: "careergini-interop-secret-0123456789abcdef")
        let expectations = JWTExpectations(
            type: "at+jwt", audience: "careergini-api", issuer: "https://auth.careergini.test")
        let claims = try JWT.verifyHS256(
            token, as: Claims.self, key: key, expecting: expectations, now: Date(timeIntervalSince1970: 1_700_000_100))
        #expect(claims.sub == "user-42")
        #expect(claims.scope == "profile:read")
        #expect(claims.exp == Date(timeIntervalSince1970: 1_700_000_900))
        #expect(claims.aud.values == ["careergini-api", "other"])
        #expect(throws: JWTError.self) {
            _ = try JWT.verifyHS256(
                token, as: Claims.self, key: Self.key, expecting: expectations,
                now: Date(timeIntervalSince1970: 1_700_000_100))
        }
    }

    @Test("Audience encodes one value as a string and several as an array")
    func audienceCoding() throws {
        #expect(String(decoding: try JSONEncoder().encode(Audience("a")), as: UTF8.self) == #""a""#)
        #expect(String(decoding: try JSONEncoder().encode(Audience(["a", "b"])), as: UTF8.self) == #"["a","b"]"#)
        #expect(try JSONDecoder().decode(Audience.self, from: Data(#""x""#.utf8)).values == ["x"])
        #expect(try JSONDecoder().decode(Audience.self, from: Data(#"["x","y"]"#.utf8)).values == ["x", "y"])
        #expect(throws: (any Error).self) { try JSONDecoder().decode(Audience.self, from: Data("42".utf8)) }
    }
}
