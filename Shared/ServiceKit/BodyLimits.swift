/// The largest request body each route accepts: a default (`MAX_BODY_BYTES`,
/// 1 MiB) and larger limits for upload routes, chosen by path prefix.
public struct BodyLimits: Sendable {
    public var defaultBytes: Int
    /// Path prefixes with their own limit; the longest matching prefix wins.
    public var prefixes: [(prefix: String, bytes: Int)]

    public init(defaultBytes: Int = 1_048_576, prefixes: [(prefix: String, bytes: Int)] = []) {
        self.defaultBytes = defaultBytes
        self.prefixes = prefixes.sorted { $0.prefix.count > $1.prefix.count }
    }

    public func limit(for path: String) -> Int {
        prefixes.first { path.hasPrefix($0.prefix) }?.bytes ?? defaultBytes
    }

    /// Uploads (resumes, LinkedIn exports) are capped at 10 MiB.
    public static let uploadBytes = 10 * 1_048_576
}
