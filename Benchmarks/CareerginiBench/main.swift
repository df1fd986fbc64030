import Database
import Foundation
import Logging
import RedisKit
import Synchronization

// Throughput of the storage paths every request takes: a one-row SELECT through
// the libpq pool and a GET through the hiredis pool, at fixed concurrency for a
// fixed time. `scripts/careergini bench` runs it against the local suite.
//
// Subcommands for `scripts/bench-gateway.sh` (GatewayBench.swift):
//   careergini-bench upstream --port N [--host H] [--no-auth]
//   careergini-bench mint-internal-token [audience]

switch CommandLine.arguments.dropFirst().first {
case "upstream":
    try await runUpstream(arguments: Array(CommandLine.arguments.dropFirst(2)))
    exit(0)
case "mint-internal-token":
    try mintInternalToken(arguments: Array(CommandLine.arguments.dropFirst(2)))
    exit(0)
default:
    break
}

let environment = ProcessInfo.processInfo.environment
let databaseURL = environment["DATABASE_URL"] ?? "postgres://careergini:careergini@127.0.0.1:5432/careergini"
let redisURL = environment["REDIS_URL"] ?? "redis://127.0.0.1:6379/0"
let concurrency = Int(environment["BENCH_CONCURRENCY"] ?? "") ?? 16
let seconds = Int(environment["BENCH_SECONDS"] ?? "") ?? 5
var logger = Logger(label: "bench")
logger.logLevel = .warning

/// Runs `operation` from `concurrency` tasks for `seconds`; prints ops/s and latency percentiles.
func measure(_ name: String, _ operation: @escaping @Sendable () async throws -> Void) async throws {
    let deadline = ContinuousClock.now + .seconds(seconds)
    let latencies = try await withThrowingTaskGroup(of: [Duration].self) { group in
        for _ in 0..<concurrency {
            group.addTask {
                var samples: [Duration] = []
                while ContinuousClock.now < deadline {
                    let start = ContinuousClock.now
                    try await operation()
                    samples.append(ContinuousClock.now - start)
                }
                return samples
            }
        }
        return try await group.reduce(into: [Duration]()) { $0 += $1 }.sorted()
    }
    func percentile(_ p: Double) -> String {
        guard !latencies.isEmpty else { return "-" }
        let value = latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]
        return String(
            format: "%.3f ms", Double(value.components.attoseconds) / 1e15 + Double(value.components.seconds) * 1000)
    }
    let rate = Double(latencies.count) / Double(seconds)
    let label = name.padding(toLength: 28, withPad: " ", startingAt: 0)
    print(
        label + String(format: "%10.0f ops/s   ", rate) + "p50 \(percentile(0.5))   p99 \(percentile(0.99))   "
            + "(\(concurrency) concurrent, \(seconds) s)")
}

let database = DatabasePool(
    configuration: DatabaseConfiguration(url: databaseURL, minConnections: concurrency, maxConnections: concurrency),
    logger: logger)
var redisConfiguration = try RedisConfiguration(url: redisURL)
redisConfiguration.maxConnections = concurrency
let redis = RedisClient(configuration: redisConfiguration, logger: logger)
try await redis.set("careergini:bench:key", to: "value")

try await measure("postgres SELECT one row") {
    let rows = try await database.query("SELECT \(42)::int8 AS answer")
    _ = try rows[0].decode(Int.self, "answer")
}
try await measure("redis GET") {
    _ = try await redis.get("careergini:bench:key")
}
try await redis.delete("careergini:bench:key")
await database.close()
await redis.close()
