import COpenSSL

/// One-shot message digests.
public enum Digest {
    public static func sha256(_ data: some Collection<UInt8>) -> [UInt8] { digest(data, EVP_sha256()) }

    /// SHA-1 is not for security: Redis names scripts by it (`EVALSHA`).
    public static func sha1(_ data: some Collection<UInt8>) -> [UInt8] { digest(data, EVP_sha1()) }

    public static func hex(_ bytes: some Collection<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var output = [UInt8]()
        output.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Lower-case hex SHA-256 of a string's UTF-8: how we store tokens and key
    /// Redis entries without keeping the secret or personal value itself.
    public static func sha256Hex(_ text: String) -> String { hex(sha256(Array(text.utf8))) }

    private static func digest(_ data: some Collection<UInt8>, _ type: OpaquePointer?) -> [UInt8] {
        let input = Array(data)
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let status = input.withUnsafeBytes { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                EVP_Digest(inputBuffer.baseAddress, inputBuffer.count, outputBuffer.baseAddress, &length, type, nil)
            }
        }
        precondition(status == 1, "OpenSSL EVP_Digest failed")
        return Array(output.prefix(Int(length)))
    }
}
