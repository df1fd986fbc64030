import Hummingbird
import Synchronization

/// Which methods each route path accepts, so an existing path called with the
/// wrong method gets 405 with `Allow` instead of the router's 404.
public final class RouteTable: Sendable {
    private let routes = Mutex<[(segments: [Substring], methods: Set<String>)]>([])

    public init() {}

    /// Loads the router's routes; call after every route is added.
    public func load(_ descriptions: [(path: String, method: String)]) {
        var grouped: [String: Set<String>] = [:]
        for description in descriptions { grouped[description.path, default: []].insert(description.method) }
        routes.withLock { routes in
            routes = grouped.map { (path, methods) in (path.split(separator: "/"), methods) }
        }
    }

    /// Methods allowed for a concrete request path; empty when no route matches.
    public func allowedMethods(for path: String) -> Set<String> {
        let segments = path.split(separator: "/")
        return routes.withLock { routes in
            routes.reduce(into: Set<String>()) { allowed, route in
                if RouteTable.matches(route.segments, segments) { allowed.formUnion(route.methods) }
            }
        }
    }

    static func matches(_ pattern: [Substring], _ path: [Substring]) -> Bool {
        for (index, segment) in pattern.enumerated() {
            if segment == "**" { return true }
            guard index < path.count else { return false }
            let isParameter = segment == "*" || segment.hasPrefix(":") || segment.contains("{")
            if !isParameter && segment != path[index] { return false }
        }
        return pattern.count == path.count
    }
}
