import CurlHTTP
import ServiceKit

/// Concurrent clients requesting a list of paths in turn, with an internal
/// token, for the benchmarks that measure a service binary over HTTP.
public enum HTTPLoad {
    public struct Result: Sendable {
        public var latencies: [Duration]
        /// Answers other than 200.
        public var failures: Int
        /// Requests a second over the whole run.
        public var rate: Double
    }

    /// `clients` loops, client i asking for paths i, i + clients, …, until
    /// `seconds` have passed or `requests` were sent by each; `headers` go
    /// with every request.
    public static func run(
        clients: Int, seconds: Int = 3_600, requests: Int = .max, base: String, token: String, paths: [String],
        headers: [(String, String)] = []
    ) async throws -> Result {
        let http = CurlHTTPClient()
        defer { http.shutdown() }
        let clock = ContinuousClock()
        let started = clock.now
        let deadline = started + .seconds(seconds)
        let all = try await withThrowingTaskGroup(of: ([Duration], Int).self) { group in
            for client in 0..<clients {
                group.addTask {
                    var latencies: [Duration] = []
                    var failures = 0
                    var position = client
                    while clock.now < deadline && latencies.count < requests {
                        let path = paths[position % paths.count]
                        position += clients
                        let sent = clock.now
                        let (response, _) = try await http.data(
                            for: CurlRequest(
                                method: "GET", url: base + path, headers: [(InternalTokens.header, token)] + headers,
                                timeouts: .init(connect: .seconds(2), total: .seconds(60))))
                        latencies.append(clock.now - sent)
                        if response.status != 200 { failures += 1 }
                    }
                    return (latencies, failures)
                }
            }
            var all: ([Duration], Int) = ([], 0)
            for try await (latencies, failures) in group {
                all.0 += latencies
                all.1 += failures
            }
            return all
        }
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Result(latencies: all.0, failures: all.1, rate: Double(all.0.count) / seconds)
    }
}
