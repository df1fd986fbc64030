import Foundation
import Logging
import RedisKit

/// A lease on one Redis key, so work that must not run twice at once (an
/// ingestion round, one source's run) runs on one replica only.
///
/// Taken with `SET NX PX` and a random token, renewed while the work runs (a
/// replica that dies lets it expire), and released with a compare-and-delete
/// script, so a holder whose lease expired never deletes the next holder's.
struct RedisLock: Sendable {
    /// The lease was taken over by another holder (it expired while Redis was
    /// unreachable, or someone deleted it): the work is cancelled.
    struct Lost: Error, CustomStringConvertible {
        var key: String
        var description: String { "the lock \(key) was lost while the work ran" }
    }

    let redis: RedisClient
    let key: String
    /// How long the lease lasts without renewal; it is renewed every third of it.
    let lease: Duration
    let logger: Logger

    init(redis: RedisClient, key: String, lease: Duration = .seconds(120), logger: Logger) {
        self.redis = redis
        self.key = key
        self.lease = lease
        self.logger = logger
    }

    /// Runs `work` holding the lock; nil, without running it, when someone else
    /// holds it. Throws Redis' error when the lock cannot be asked for, `Lost`
    /// when the lease is taken over mid-way, or what `work` throws.
    func withLock<Value: Sendable>(_ work: @escaping @Sendable () async throws -> Value) async throws -> Value? {
        let token = UUID().uuidString
        guard try await redis.set(key, to: token, expiresIn: lease, condition: .ifNotExists) else { return nil }
        do {
            let value = try await withThrowingTaskGroup(of: Value?.self) { group in
                group.addTask { try await work() }
                group.addTask {
                    try await keepRenewing(token)
                    return nil
                }
                // The first child to finish decides: the work's value, or the renewal's `Lost`.
                guard let first = try await group.next(), let value = first else { throw Lost(key: key) }
                group.cancelAll()
                return value
            }
            await release(token)
            return value
        } catch {
            await release(token)
            throw error
        }
    }

    /// Extends the lease every third of it until cancelled; throws `Lost` when
    /// the key no longer holds `token`. A Redis error is retried at the next
    /// tick: the lease outlives two missed renewals.
    private func keepRenewing(_ token: String) async throws {
        while true {
            try await Task.sleep(for: lease / 3)
            do {
                let renewed = try await redis.evaluate(
                    Self.renewScript, keys: [key], arguments: [token, Self.milliseconds(lease)])
                if renewed.int != 1 { throw Lost(key: key) }
            } catch let error as Lost {
                throw error
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                logger.warning("cannot renew a lock", metadata: ["lock": .string(key), "error": "\(error)"])
            }
        }
    }

    /// Deletes the key if it still holds `token`. Runs outside the caller's
    /// task, so a cancelled run (shutdown) still releases; if Redis is gone,
    /// the lease simply expires.
    private func release(_ token: String) async {
        let redis = redis
        let key = key
        let logger = logger
        await Task {
            do {
                try await redis.evaluate(Self.releaseScript, keys: [key], arguments: [token])
            } catch {
                logger.warning("cannot release a lock", metadata: ["lock": .string(key), "error": "\(error)"])
            }
        }.value
    }

    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }

    private static let renewScript = RedisScript(
        """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
            return redis.call('PEXPIRE', KEYS[1], ARGV[2])
        end
        return 0
        """)

    private static let releaseScript = RedisScript(
        """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
            return redis.call('DEL', KEYS[1])
        end
        return 0
        """)
}
