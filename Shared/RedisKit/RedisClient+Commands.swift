/// The string, key, hash, set and sorted-set commands the services use.
extension RedisClient {
    public enum SetCondition: Sendable {
        case always
        /// `NX`: only when the key does not exist (locks, idempotency keys).
        case ifNotExists
        /// `XX`: only when the key exists.
        case ifExists
    }

    public func ping() async throws {
        let reply = try await send("PING")
        guard reply.string == "PONG" else { throw RedisError(.unexpectedReply, "PING answered \(reply)") }
    }

    // MARK: Strings and keys

    public func get(_ key: String) async throws -> String? {
        try await send("GET", key).string
    }

    public func getBytes(_ key: String) async throws -> [UInt8]? {
        try await send("GET", key).bytes
    }

    /// `SET` with optional expiry and condition; false when the condition stopped it.
    @discardableResult
    public func set(
        _ key: String, to value: some RedisArgument, expiresIn: Duration? = nil, condition: SetCondition = .always
    ) async throws -> Bool {
        var arguments: [any RedisArgument] = ["SET", key, value]
        if let expiresIn { arguments += ["PX", Int(max(1, expiresIn.milliseconds))] }
        switch condition {
        case .always: break
        case .ifNotExists: arguments.append("NX")
        case .ifExists: arguments.append("XX")
        }
        return try await send(arguments) != .null
    }

    public func mget(_ keys: [String]) async throws -> [String?] {
        guard !keys.isEmpty else { return [] }
        let reply = try await send(["MGET"] + keys)
        return reply.array?.map(\.string) ?? []
    }

    @discardableResult
    public func delete(_ keys: String...) async throws -> Int {
        try await delete(keys)
    }

    @discardableResult
    public func delete(_ keys: [String]) async throws -> Int {
        guard !keys.isEmpty else { return 0 }
        return try await send(["DEL"] + keys).int ?? 0
    }

    public func exists(_ key: String) async throws -> Bool {
        try await send("EXISTS", key).int == 1
    }

    @discardableResult
    public func expire(_ key: String, after duration: Duration) async throws -> Bool {
        try await send("PEXPIRE", key, Int(max(1, duration.milliseconds))).int == 1
    }

    /// Remaining time to live; nil when the key is missing or never expires.
    public func timeToLive(_ key: String) async throws -> Duration? {
        guard let millis = try await send("PTTL", key).int, millis >= 0 else { return nil }
        return .milliseconds(millis)
    }

    @discardableResult
    public func increment(_ key: String, by amount: Int = 1) async throws -> Int {
        guard let value = try await send("INCRBY", key, amount).int else {
            throw RedisError(.unexpectedReply, "INCRBY did not answer an integer")
        }
        return value
    }

    // MARK: Hashes

    @discardableResult
    public func hset(_ key: String, _ fields: [String: String]) async throws -> Int {
        guard !fields.isEmpty else { return 0 }
        var arguments: [any RedisArgument] = ["HSET", key]
        for (field, value) in fields.sorted(by: { $0.key < $1.key }) { arguments += [field, value] }
        return try await send(arguments).int ?? 0
    }

    public func hget(_ key: String, _ field: String) async throws -> String? {
        try await send("HGET", key, field).string
    }

    public func hgetall(_ key: String) async throws -> [String: String] {
        let values = try await send("HGETALL", key).array ?? []
        var result: [String: String] = [:]
        var index = 0
        while index + 1 < values.count {
            if let field = values[index].string { result[field] = values[index + 1].string }
            index += 2
        }
        return result
    }

    @discardableResult
    public func hdel(_ key: String, _ fields: [String]) async throws -> Int {
        guard !fields.isEmpty else { return 0 }
        return try await send(["HDEL", key] + fields).int ?? 0
    }

    @discardableResult
    public func hincrby(_ key: String, _ field: String, by amount: Int) async throws -> Int {
        try await send("HINCRBY", key, field, amount).int ?? 0
    }

    // MARK: Sets

    @discardableResult
    public func sadd(_ key: String, _ members: [String]) async throws -> Int {
        guard !members.isEmpty else { return 0 }
        return try await send(["SADD", key] + members).int ?? 0
    }

    @discardableResult
    public func srem(_ key: String, _ members: [String]) async throws -> Int {
        guard !members.isEmpty else { return 0 }
        return try await send(["SREM", key] + members).int ?? 0
    }

    public func smembers(_ key: String) async throws -> Set<String> {
        Set(try await send("SMEMBERS", key).strings ?? [])
    }

    public func sismember(_ key: String, _ member: String) async throws -> Bool {
        try await send("SISMEMBER", key, member).int == 1
    }

    public func scard(_ key: String) async throws -> Int {
        try await send("SCARD", key).int ?? 0
    }

    // MARK: Sorted sets

    @discardableResult
    public func zadd(_ key: String, _ members: [(score: Double, member: String)]) async throws -> Int {
        guard !members.isEmpty else { return 0 }
        var arguments: [any RedisArgument] = ["ZADD", key]
        for entry in members { arguments += [entry.score, entry.member] }
        return try await send(arguments).int ?? 0
    }

    @discardableResult
    public func zrem(_ key: String, _ members: [String]) async throws -> Int {
        guard !members.isEmpty else { return 0 }
        return try await send(["ZREM", key] + members).int ?? 0
    }

    public func zscore(_ key: String, _ member: String) async throws -> Double? {
        try await send("ZSCORE", key, member).string.flatMap(Double.init)
    }

    public func zcard(_ key: String) async throws -> Int {
        try await send("ZCARD", key).int ?? 0
    }

    /// Members by rank, lowest score first (`ZRANGE key start stop WITHSCORES`).
    public func zrange(
        _ key: String, from start: Int, to stop: Int
    ) async throws -> [(
        member: String, score: Double
    )] {
        let values = try await send("ZRANGE", key, start, stop, "WITHSCORES").array ?? []
        var result: [(member: String, score: Double)] = []
        var index = 0
        while index + 1 < values.count {
            if let member = values[index].string, let score = values[index + 1].string.flatMap(Double.init) {
                result.append((member, score))
            }
            index += 2
        }
        return result
    }

    public func zrangeByScore(_ key: String, min: Double, max: Double, limit: Int? = nil) async throws -> [String] {
        var arguments: [any RedisArgument] = ["ZRANGEBYSCORE", key, min, max]
        if let limit { arguments += ["LIMIT", 0, limit] }
        return try await send(arguments).strings ?? []
    }

    @discardableResult
    public func zremrangeByScore(_ key: String, min: Double, max: Double) async throws -> Int {
        try await send("ZREMRANGEBYSCORE", key, min, max).int ?? 0
    }
}
