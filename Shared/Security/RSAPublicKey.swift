import COpenSSL

/// An RSA public key, used to verify RS256 signatures of OIDC ID tokens. It owns its
/// OpenSSL `EVP_PKEY` (immutable after construction, so safe to share between tasks).
public final class RSAPublicKey: Sendable {
    /// Smaller moduli are factorable in practice; providers publish 2048 bits or more.
    public static let minimumModulusBits = 2048
    /// A bound on verification cost for keys that arrive over the network.
    public static let maximumModulusBits = 16384

    nonisolated(unsafe) private let key: OpaquePointer
    /// The modulus size in bits.
    public let bits: Int

    /// Builds the key from a JWK's `n` and `e` (big-endian, leading zeros allowed).
    public init(modulus: [UInt8], exponent: [UInt8]) throws(JWTError) {
        let n = Array(modulus.drop { $0 == 0 })
        let e = Array(exponent.drop { $0 == 0 })
        guard let lowest = e.last, lowest & 1 == 1, e != [1], e.count <= 8 else {
            throw JWTError(.malformed, "RSA exponent must be an odd number above 1")
        }
        guard n.count * 8 <= Self.maximumModulusBits else { throw JWTError(.malformed, "RSA modulus is too large") }
        guard n.count * 8 >= Self.minimumModulusBits else {
            throw JWTError(.keyTooShort, "RSA modulus has fewer than \(Self.minimumModulusBits) bits")
        }
        let built = n.withUnsafeBufferPointer { nBuffer in
            e.withUnsafeBufferPointer { eBuffer in
                cg_rsa_public_key_from_bytes(nBuffer.baseAddress, nBuffer.count, eBuffer.baseAddress, eBuffer.count)
            }
        }
        guard let built else { throw JWTError(.malformed, "OpenSSL refused the RSA key") }
        let bits = Int(EVP_PKEY_get_bits(built))
        guard bits >= Self.minimumModulusBits else {
            EVP_PKEY_free(built)
            throw JWTError(.keyTooShort, "RSA modulus has \(bits) bits; at least \(Self.minimumModulusBits) required")
        }
        self.key = built
        self.bits = bits
    }

    /// Builds the key from a JWK with `kty` "RSA" and base64url `n` and `e`.
    public convenience init(jwk: JSONWebKey) throws(JWTError) {
        guard jwk.kty == "RSA", let n = jwk.n.flatMap({ Base64URL.decode($0) }),
            let e = jwk.e.flatMap({ Base64URL.decode($0) })
        else { throw JWTError(.malformed, "JWK is not an RSA key with n and e") }
        try self.init(modulus: n, exponent: e)
    }

    deinit { EVP_PKEY_free(key) }

    /// RSASSA-PKCS1-v1_5 with SHA-256 (JWS `RS256`).
    public func verifySHA256(signature: [UInt8], message: [UInt8]) -> Bool {
        guard signature.count == (bits + 7) / 8 else { return false }
        return signature.withUnsafeBufferPointer { signatureBuffer in
            message.withUnsafeBufferPointer { messageBuffer in
                cg_rsa_sha256_verify(
                    key, signatureBuffer.baseAddress, signatureBuffer.count, messageBuffer.baseAddress,
                    messageBuffer.count) == 1
            }
        }
    }
}
