import Security

/// A Lua script run atomically by Redis. Sent by SHA-1 (`EVALSHA`); the source
/// goes over the wire only when Redis does not know it yet (`NOSCRIPT`, e.g. after
/// a restart or `SCRIPT FLUSH`).
public struct RedisScript: Sendable {
    public let source: String
    public let sha1: String

    public init(_ source: String) {
        self.source = source
        self.sha1 = Digest.hex(Digest.sha1(Array(source.utf8)))
    }
}

extension RedisClient {
    @discardableResult
    public func evaluate(
        _ script: RedisScript, keys: [String] = [], arguments: [any RedisArgument] = []
    ) async throws -> RESPValue {
        let tail: [any RedisArgument] = [keys.count] + keys + arguments
        do {
            return try await send(["EVALSHA", script.sha1] + tail)
        } catch let error as RedisError where error.code == .serverError && error.message.hasPrefix("NOSCRIPT") {
            return try await send(["EVAL", script.source] + tail)
        }
    }
}
