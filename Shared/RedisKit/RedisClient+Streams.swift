/// Redis streams for background work: producers `XADD`, consumer groups read with
/// `XREADGROUP`, acknowledge with `XACK`, and reclaim a dead consumer's entries
/// with `XAUTOCLAIM`.
public struct StreamEntry: Sendable, Equatable {
    public let id: String
    public let fields: [String: String]

    public init(id: String, fields: [String: String]) {
        self.id = id
        self.fields = fields
    }

    static func parse(_ value: RESPValue) -> StreamEntry? {
        guard let parts = value.array, parts.count == 2, let id = parts[0].string else { return nil }
        var fields: [String: String] = [:]
        let flat = parts[1].array ?? []
        var index = 0
        while index + 1 < flat.count {
            if let key = flat[index].string { fields[key] = flat[index + 1].string }
            index += 2
        }
        return StreamEntry(id: id, fields: fields)
    }
}

extension RedisClient {
    /// Appends an entry; `maxLength` trims the stream approximately (`MAXLEN ~`).
    @discardableResult
    public func xadd(_ stream: String, fields: [String: String], maxLength: Int? = nil) async throws -> String {
        var arguments: [any RedisArgument] = ["XADD", stream]
        if let maxLength { arguments += ["MAXLEN", "~", maxLength] }
        arguments.append("*")
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) { arguments += [key, value] }
        guard let id = try await send(arguments).string else {
            throw RedisError(.unexpectedReply, "XADD did not answer an id")
        }
        return id
    }

    /// Creates a consumer group (and the stream). An existing group is not an error.
    public func xgroupCreate(_ stream: String, group: String, startingAt id: String = "$") async throws {
        do {
            try await send("XGROUP", "CREATE", stream, group, id, "MKSTREAM")
        } catch let error as RedisError where error.code == .serverError && error.message.hasPrefix("BUSYGROUP") {
            return
        }
    }

    /// Reads new entries for a consumer (`>`), waiting up to `block` for some.
    public func xreadgroup(
        group: String, consumer: String, stream: String, count: Int = 10, block: Duration? = nil
    ) async throws -> [StreamEntry] {
        var arguments: [any RedisArgument] = ["XREADGROUP", "GROUP", group, consumer, "COUNT", count]
        var timeout: Duration? = nil
        if let block {
            arguments += ["BLOCK", Int(block.milliseconds)]
            timeout = block + configuration.commandTimeout
        }
        arguments += ["STREAMS", stream, ">"]
        let reply = try await send(arguments, timeout: timeout)
        guard let streams = reply.array else { return [] }
        return streams.flatMap { stream -> [StreamEntry] in
            guard let pair = stream.array, pair.count == 2 else { return [] }
            return (pair[1].array ?? []).compactMap(StreamEntry.parse)
        }
    }

    @discardableResult
    public func xack(_ stream: String, group: String, ids: [String]) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try await send(["XACK", stream, group] + ids).int ?? 0
    }

    /// Claims entries pending longer than `minIdle` for `consumer`. Returns the cursor
    /// for the next call (`0-0` when the scan is complete) and the claimed entries.
    public func xautoclaim(
        _ stream: String, group: String, consumer: String, minIdle: Duration, start: String = "0-0", count: Int = 10
    ) async throws -> (next: String, entries: [StreamEntry]) {
        let reply = try await send(
            "XAUTOCLAIM", stream, group, consumer, Int(minIdle.milliseconds), start, "COUNT", count)
        guard let parts = reply.array, parts.count >= 2, let next = parts[0].string else {
            throw RedisError(.unexpectedReply, "XAUTOCLAIM answered \(reply)")
        }
        return (next, (parts[1].array ?? []).compactMap(StreamEntry.parse))
    }

    public func xlen(_ stream: String) async throws -> Int {
        try await send("XLEN", stream).int ?? 0
    }
}
