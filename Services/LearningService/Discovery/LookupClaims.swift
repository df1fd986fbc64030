import Contracts
import Foundation
import Logging
import RedisKit

/// Short Redis markers that let one replica at a time refresh a (provider,
/// skill): `SET NX PX` with a token, so replicas asked about the same skill
/// at once send one request, not one each. A marker outlives the longest
/// lookup and is released (compare-and-delete) when the lookup is stored; a
/// replica that dies leaves it to expire.
struct LookupClaims: Sendable {
    let redis: RedisClient
    /// `LearningServiceSettings.redisNamespace`.
    let namespace: String
    /// Longer than a lookup may take.
    let lease: Duration
    var timeout: Duration = .milliseconds(500)
    let logger: Logger

    func key(_ pair: LiveLookupStore.Pair) -> String {
        namespace + "live:claim:\(pair.provider.rawValue):\(pair.skill)"
    }

    /// The pairs this caller now holds, in one round trip; none when Redis
    /// cannot be asked (then nothing is refreshed: providers' budgets live there too).
    func claim(_ pairs: [LiveLookupStore.Pair], token: String) async -> [LiveLookupStore.Pair] {
        guard !pairs.isEmpty else { return [] }
        let commands: [[any RedisArgument]] = pairs.map {
            ["SET", key($0), token, "PX", lease.wholeMilliseconds, "NX"]
        }
        do {
            let replies = try await redis.pipeline(commands, timeout: timeout)
            return zip(pairs, replies).filter { !$0.1.isNull }.map(\.0)
        } catch {
            logger.warning("cannot claim live lookups; leaving them for later", metadata: ["error": "\(error)"])
            return []
        }
    }

    /// Gives `pair` up, if `token` still holds it.
    func release(_ pair: LiveLookupStore.Pair, token: String) async {
        do {
            try await redis.evaluate(Self.releaseScript, keys: [key(pair)], arguments: [token])
        } catch {
            logger.debug("cannot release a live lookup claim; it expires", metadata: ["error": "\(error)"])
        }
    }

    private static let releaseScript = RedisScript(
        """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
            return redis.call('DEL', KEYS[1])
        end
        return 0
        """)
}
