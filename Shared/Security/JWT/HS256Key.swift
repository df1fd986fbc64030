/// An HMAC-SHA256 key. Secrets under 32 bytes are refused: HS256 is only as strong as
/// its secret, and a short one can be brute-forced offline from any issued token.
public struct HS256Key: Sendable {
    public static let minimumByteCount = 32

    let secret: [UInt8]

    public init(secret: [UInt8]) throws(JWTError) {
        guard secret.count >= Self.minimumByteCount else {
            throw JWTError(.keyTooShort, "HS256 secret has \(secret.count) bytes; at least 32 are required")
        }
        self.secret = secret
    }

    /// The UTF-8 bytes of `secret` (e.g. an environment variable) as the key.
    public init(secret: String) throws(JWTError) {
        try self.init(secret: Array(secret.utf8))
    }
}
