import CHiredis
import ConnectionPool
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One hiredis connection in blocking mode with a socket timeout. Every method
/// blocks, so only the pool calls them, on its reserved threads, for one lease
/// holder at a time (hence `@unchecked Sendable`).
final class RedisConnection: PooledConnection, @unchecked Sendable {
    private let context: UnsafeMutablePointer<redisContext>
    private let defaultTimeout: Duration
    private var currentTimeout: Duration
    private var timedOut = false

    init(configuration: RedisConfiguration) throws {
        guard
            let context = cg_redis_connect(
                configuration.host, Int32(configuration.port), Int(configuration.connectTimeout.milliseconds))
        else {
            throw RedisError(.connectionFailed, "hiredis could not allocate a context")
        }
        if context.pointee.err != 0 {
            let message = String(cString: cg_redis_error_string(context))
            redisFree(context)
            throw RedisError(.connectionFailed, "\(configuration.host):\(configuration.port): \(message)")
        }
        self.context = context
        self.defaultTimeout = configuration.commandTimeout
        self.currentTimeout = configuration.commandTimeout
        _ = cg_redis_set_timeout(context, Int(configuration.commandTimeout.milliseconds))
        do {
            if let password = configuration.password {
                let auth = configuration.username.map { ["AUTH", $0, password] } ?? ["AUTH", password]
                _ = try command(auth.map { Array($0.utf8) })
            }
            if configuration.database != 0 {
                _ = try command(["SELECT", String(configuration.database)].map { Array($0.utf8) })
            }
        } catch let error as RedisError {
            throw RedisError(.connectionFailed, error.message)
        }
    }

    deinit { redisFree(context) }

    /// An idle connection has nothing to read unless the server closed it.
    var isUsable: Bool { context.pointee.err == 0 && !timedOut && cg_redis_socket_readable(context) == 0 }

    var isBroken: Bool { context.pointee.err != 0 || timedOut }

    /// Sends one command and reads its reply. An error reply throws `.serverError`.
    func command(_ arguments: [[UInt8]], timeout: Duration? = nil) throws -> RESPValue {
        try setTimeout(timeout ?? defaultTimeout)
        let reply = withArgv(arguments) { argc, argv, lengths in cg_redis_command_argv(context, argc, argv, lengths) }
        guard let reply else { throw ioError() }
        defer { freeReplyObject(reply) }
        let value = RedisConnection.convert(reply)
        if case .error(let message) = value { throw RedisError(.serverError, message) }
        return value
    }

    /// Writes every command, then reads every reply: one round trip for the batch.
    /// Error replies stay in the result as `.error`, in order.
    func pipeline(_ commands: [[[UInt8]]], timeout: Duration? = nil) throws -> [RESPValue] {
        try setTimeout(timeout ?? defaultTimeout)
        for arguments in commands {
            let status = withArgv(arguments) { argc, argv, lengths in
                redisAppendCommandArgv(context, argc, argv, lengths)
            }
            guard status == REDIS_OK else { throw ioError() }
        }
        var replies: [RESPValue] = []
        replies.reserveCapacity(commands.count)
        for _ in commands {
            guard let reply = cg_redis_get_reply(context) else { throw ioError() }
            replies.append(RedisConnection.convert(reply))
            freeReplyObject(reply)
        }
        return replies
    }

    private func setTimeout(_ timeout: Duration) throws {
        guard timeout != currentTimeout else { return }
        guard cg_redis_set_timeout(context, Int(max(1, timeout.milliseconds))) == REDIS_OK else { throw ioError() }
        currentTimeout = timeout
    }

    /// A failed read or write. With a socket timeout set, hiredis reports an expired
    /// timeout as an I/O error with `errno` EAGAIN.
    private func ioError() -> RedisError {
        let code = errno
        let message = String(cString: cg_redis_error_string(context))
        if code == EAGAIN || code == EWOULDBLOCK || message.contains("Resource temporarily unavailable") {
            timedOut = true
            return RedisError(.timeout, "no reply within \(currentTimeout)")
        }
        return RedisError(.connectionLost, message.isEmpty ? "connection lost" : message)
    }

    private func withArgv<T>(
        _ arguments: [[UInt8]],
        _ body: (Int32, UnsafeMutablePointer<UnsafePointer<CChar>?>, UnsafePointer<Int>) -> T
    ) -> T {
        // Each argument is copied into one contiguous buffer; hiredis copies again
        // into its output buffer, so nothing outlives this call.
        let total = arguments.reduce(0) { $0 + $1.count }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: max(1, total)) { storage in
            var pointers = [UnsafePointer<CChar>?]()
            var lengths = [Int]()
            pointers.reserveCapacity(arguments.count)
            lengths.reserveCapacity(arguments.count)
            var offset = 0
            for argument in arguments {
                argument.withUnsafeBytes { bytes in
                    UnsafeMutableRawBufferPointer(
                        rebasing: UnsafeMutableRawBufferPointer(storage)[
                            offset..<offset + argument.count]
                    ).copyMemory(from: bytes)
                }
                pointers.append(UnsafePointer(storage.baseAddress! + offset))
                lengths.append(argument.count)
                offset += argument.count
            }
            return pointers.withUnsafeMutableBufferPointer { argv in
                lengths.withUnsafeBufferPointer { lengthBuffer in
                    body(Int32(arguments.count), argv.baseAddress!, lengthBuffer.baseAddress!)
                }
            }
        }
    }

    private static func convert(_ reply: UnsafeMutablePointer<redisReply>) -> RESPValue {
        let value = reply.pointee
        switch value.type {
        case REDIS_REPLY_STRING:
            guard let str = value.str else { return .bulkString([]) }
            return .bulkString(Array(UnsafeRawBufferPointer(start: str, count: Int(value.len))))
        case REDIS_REPLY_STATUS:
            return .simpleString(value.str.map { String(cString: $0) } ?? "")
        case REDIS_REPLY_ERROR:
            return .error(value.str.map { String(cString: $0) } ?? "ERR")
        case REDIS_REPLY_INTEGER:
            return .integer(Int(value.integer))
        case REDIS_REPLY_ARRAY:
            var elements: [RESPValue] = []
            elements.reserveCapacity(Int(value.elements))
            for index in 0..<Int(value.elements) {
                if let element = value.element[index] {
                    elements.append(convert(element))
                } else {
                    elements.append(.null)
                }
            }
            return .array(elements)
        default:
            return .null
        }
    }
}

extension Duration {
    var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
