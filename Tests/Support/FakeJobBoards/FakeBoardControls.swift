import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// The knobs and observations every fake job board shares: the boards it
/// serves, faults queued for the next requests (429 with `Retry-After`, 500,
/// 503, ...), and a record of every request with its query and headers.
public final class FakeBoardControls: Sendable {
    /// One request as the fake received it.
    public struct RecordedRequest: Sendable {
        public var method: String
        public var path: String
        /// Query parameters, percent-decoded; the first value of a repeated name.
        public var query: [String: String]
        /// The raw query string.
        public var rawQuery: String
        /// Header names lowercased.
        public var headers: [String: String]

        public func header(_ name: String) -> String? { headers[name.lowercased()] }
    }

    /// An answer served instead of the real one.
    public struct Fault: Sendable, Equatable {
        public var status: Int
        /// The `Retry-After` value, as sent (seconds or an HTTP date).
        public var retryAfter: String?

        public init(status: Int, retryAfter: String? = nil) {
            self.status = status
            self.retryAfter = retryAfter
        }
    }

    private struct State {
        var boards: [String: [FakeBoardRow]] = [:]
        /// Answers queued for the next requests: a fault, or nil for the real answer.
        var faults: [Fault?] = []
        var requests: [RecordedRequest] = []
    }

    private let state = Mutex(State())

    public init() {}

    // MARK: - Boards

    /// What `token` lists (case-insensitive), in order; replaces an earlier board of that name.
    public func setBoard(_ token: String, _ rows: [FakeBoardRow]) {
        state.withLock { $0.boards[token.lowercased()] = rows }
    }

    /// The rows of `token`, nil for a board the fake does not know.
    public func rows(of token: String) -> [FakeBoardRow]? {
        state.withLock { $0.boards[token.lowercased()] }
    }

    // MARK: - Faults

    /// After `after` more requests answered normally, the next `count` get
    /// `status` (and `Retry-After`) instead of their answer. Calls queue up in order.
    public func failNext(_ count: Int, status: Int, retryAfter: String? = nil, after: Int = 0) {
        state.withLock { state in
            state.faults += Array(repeating: nil, count: max(0, after))
            state.faults += Array(repeating: Fault(status: status, retryAfter: retryAfter), count: max(0, count))
        }
    }

    /// Faults still queued.
    public var pendingFaults: Int { state.withLock { $0.faults.compactMap { $0 }.count } }

    // MARK: - Observations

    public var requests: [RecordedRequest] { state.withLock { $0.requests } }

    public var requestCount: Int { state.withLock { $0.requests.count } }

    public var lastRequest: RecordedRequest? { state.withLock { $0.requests.last } }

    /// Records `request`; the queued fault's answer when one is due.
    func admit(_ request: Hummingbird.Request) -> Response? {
        var headers: [String: String] = [:]
        for field in request.headers where headers[field.name.canonicalName] == nil {
            headers[field.name.canonicalName] = field.value
        }
        var query: [String: String] = [:]
        for (name, value) in request.uri.queryParameters where query[String(name)] == nil {
            query[String(name)] = String(value)
        }
        let recorded = RecordedRequest(
            method: request.method.rawValue, path: request.uri.path, query: query, rawQuery: request.uri.query ?? "",
            headers: headers)
        let fault = state.withLock { state -> Fault? in
            state.requests.append(recorded)
            return state.faults.isEmpty ? nil : state.faults.removeFirst()
        }
        guard let fault else { return nil }
        var response = FakeBoardJSON.response(
            #"{"error":"\#(fault.status == 429 ? "Too Many Requests" : "Service unavailable")"}"#,
            status: fault.status)
        if let retryAfter = fault.retryAfter { response.headers[.retryAfter] = retryAfter }
        return response
    }
}

/// Records every request and serves queued faults before the routes answer.
struct FakeBoardMiddleware<Context: RequestContext>: RouterMiddleware {
    let controls: FakeBoardControls

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if let fault = controls.admit(request) { return fault }
        return try await next(request, context)
    }
}

/// What every fake board offers tests, through its `controls`.
public protocol FakeJobBoard: AnyObject, Sendable {
    /// `http://127.0.0.1:<port>`.
    var baseURL: String { get }
    var controls: FakeBoardControls { get }
}

extension FakeJobBoard {
    /// Serves `rows` as board `token`.
    public func setBoard(_ token: String, _ rows: [FakeBoardRow]) { controls.setBoard(token, rows) }

    /// Serves `postings` as board `token`.
    public func setBoard(_ token: String, postings: [FakeJobPosting]) {
        controls.setBoard(token, postings.map { .posting($0) })
    }

    public func failNext(_ count: Int, status: Int, retryAfter: String? = nil, after: Int = 0) {
        controls.failNext(count, status: status, retryAfter: retryAfter, after: after)
    }

    public var requests: [FakeBoardControls.RecordedRequest] { controls.requests }

    public var requestCount: Int { controls.requestCount }

    public var lastRequest: FakeBoardControls.RecordedRequest? { controls.lastRequest }

    /// Runs a fake made by `make` on a free port for the duration of `body`.
    static func serve<Result>(
        _ make: @escaping (String) -> Self, routes: @escaping (Self, Router<BasicRequestContext>) -> Void,
        _ body: (Self) async throws -> Result
    ) async throws -> Result {
        try await withTestServer(
            serving: { baseURL in
                let fake = make(baseURL)
                let router = Router()
                router.add(middleware: FakeBoardMiddleware(controls: fake.controls))
                routes(fake, router)
                return (fake, router)
            }, body)
    }
}

/// JSON as the fakes write it: rows rendered one by one so a test can slip in a
/// raw (malformed) row, then spliced into the board's envelope.
enum FakeBoardJSON {
    static func serialize(_ object: Any) -> String {
        let data =
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data(#"{"error":"the fake could not encode its answer"}"#.utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// Each row as JSON text: postings through `render`, raw rows as written.
    static func rows(_ rows: [FakeBoardRow], render: (FakeJobPosting) -> [String: Any]) -> [String] {
        rows.map { row in
            switch row {
            case .posting(let posting): serialize(render(posting))
            case .raw(let json): json
            }
        }
    }

    static func array(_ elements: [String]) -> String {
        "[" + elements.joined(separator: ",") + "]"
    }

    /// `object` with `raw` members (name → JSON text) added.
    static func object(_ object: [String: Any], raw: [String: String]) -> String {
        let members = raw.sorted { $0.key < $1.key }.map { serialize([$0.key]).dropFirst().dropLast() + ":" + $0.value }
        let rest = serialize(object).dropFirst().dropLast()
        return "{" + (members + (rest.isEmpty ? [] : [String(rest)])).joined(separator: ",") + "}"
    }

    static func response(_ json: String, status: Int = 200) -> Response {
        Response(
            status: HTTPResponse.Status(code: status), headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: json)))
    }

    static func timestamp(_ date: Date) -> String { date.formatted(.iso8601) }

    /// An ISO 8601 timestamp with milliseconds and a numeric offset, as Ashby writes them.
    static func timestampWithFraction(_ date: Date) -> String {
        let whole = date.timeIntervalSince1970.rounded(.down)
        let milliseconds = Int(((date.timeIntervalSince1970 - whole) * 1000).rounded())
        let base = Date(timeIntervalSince1970: whole).formatted(.iso8601)
        return String(base.dropLast()) + String(format: ".%03d+00:00", milliseconds)
    }

    /// FNV-1a: stable numbers for ids (Swift's `hashValue` changes per run).
    static func stableNumber(_ text: String) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return Int(truncatingIfNeeded: hash >> 1)
    }
}
