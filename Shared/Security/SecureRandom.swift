import COpenSSL

/// Cryptographically secure randomness from OpenSSL's CSPRNG.
public enum SecureRandom {
    /// `count` random bytes. Traps if the CSPRNG fails: continuing with weak
    /// randomness would silently compromise every token derived from it.
    public static func bytes(_ count: Int) -> [UInt8] {
        precondition(count >= 0, "negative byte count")
        var buffer = [UInt8](repeating: 0, count: count)
        guard count > 0 else { return buffer }
        let status = buffer.withUnsafeMutableBufferPointer { RAND_bytes($0.baseAddress, Int32(count)) }
        precondition(status == 1, "OpenSSL RAND_bytes failed")
        return buffer
    }

    /// A URL-safe random token (base64url, no padding) carrying `byteCount` bytes of entropy.
    public static func token(byteCount: Int = 32) -> String {
        Base64URL.encode(bytes(byteCount))
    }
}
