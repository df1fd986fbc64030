import COpenSSL
import Foundation
import Security

/// An RSA key pair for tests that play an OpenID provider: signs ID tokens (RS256)
/// and publishes the matching JWK. Generating 2048-bit keys takes a while, so tests
/// share `shared` and `other` instead of making their own.
public final class RSASigningKey: Sendable {
    /// The key the fake providers publish and sign with.
    public static let shared = RSASigningKey(kid: "test-key-1")
    /// A second key, for "signed by someone else" tests.
    public static let other = RSASigningKey(kid: "test-key-2")

    nonisolated(unsafe) private let key: OpaquePointer
    public let kid: String
    /// The public half as a JWK: `kty` RSA, `use` sig, `alg` RS256, base64url `n` and `e`.
    public let jwk: JSONWebKey

    public init(kid: String, bits: UInt32 = 2048) {
        guard let key = cg_rsa_generate(bits) else { preconditionFailure("OpenSSL could not generate an RSA key") }
        self.key = key
        self.kid = kid
        jwk = JSONWebKey(
            kty: "RSA", kid: kid, use: "sig", alg: "RS256", n: Base64URL.encode(Self.parameter("n", of: key)),
            e: Base64URL.encode(Self.parameter("e", of: key)))
    }

    deinit { EVP_PKEY_free(key) }

    /// A JWK Set holding only this key.
    public var jwks: JSONWebKeySet { JSONWebKeySet(keys: [jwk]) }

    /// The public key, as a verifier would build it from the JWK.
    public var publicKey: RSAPublicKey { try! RSAPublicKey(jwk: jwk) }

    /// A compact JWT `{"alg":"RS256","typ":"JWT","kid":kid}` over `claims` (dates as whole seconds).
    public func signRS256(_ claims: some Encodable, kid: String?) -> String {
        var header: [String: String] = ["alg": "RS256", "typ": "JWT"]
        header["kid"] = kid
        return signRS256(claims, header: header)
    }

    /// A compact JWT with an arbitrary header, for tests that forge odd headers.
    public func signRS256(_ claims: some Encodable, header: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Int64(date.timeIntervalSince1970.rounded(.down)))
        }
        let headerJSON = try! encoder.encode(header)
        let payloadJSON = try! encoder.encode(claims)
        let input = Base64URL.encode(headerJSON) + "." + Base64URL.encode(payloadJSON)
        return input + "." + Base64URL.encode(signature(for: Array(input.utf8)))
    }

    /// RSASSA-PKCS1-v1_5 SHA-256 signature of `message`.
    public func signature(for message: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: 1024)
        var length = output.count
        let status = message.withUnsafeBufferPointer { messageBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                cg_rsa_sha256_sign(
                    key, messageBuffer.baseAddress, messageBuffer.count, outputBuffer.baseAddress, &length)
            }
        }
        precondition(status == 1, "OpenSSL RSA signing failed")
        return Array(output.prefix(length))
    }

    private static func parameter(_ name: String, of key: OpaquePointer) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: 1024)
        let length = output.withUnsafeMutableBufferPointer {
            cg_pkey_bn_param_bytes(key, name, $0.baseAddress, $0.count)
        }
        precondition(length > 0, "OpenSSL could not export RSA parameter \(name)")
        return Array(output.prefix(Int(length)))
    }
}
