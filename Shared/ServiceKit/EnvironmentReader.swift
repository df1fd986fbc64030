import Foundation

/// Reads configuration from environment variables, strictly: a variable that is
/// set but malformed is an error naming it, never a silent fall-back to the
/// default (which is what swift-configuration's defaulted getters do).
///
/// It records every variable it was asked for, so tests can compare what the
/// code reads with what `docker-compose.yml` and the README name.
public struct EnvironmentReader: Sendable {
    public let values: [String: String]
    public private(set) var readVariables: [String] = []

    public init(_ values: [String: String] = ProcessInfo.processInfo.environment) {
        self.values = values
    }

    private mutating func raw(_ name: String) -> String? {
        if !readVariables.contains(name) { readVariables.append(name) }
        guard let value = values[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    public mutating func string(_ name: String, default defaultValue: String) -> String {
        raw(name) ?? defaultValue
    }

    public mutating func optionalString(_ name: String) -> String? {
        raw(name)
    }

    public mutating func int(_ name: String, default defaultValue: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = raw(name) else { return defaultValue }
        guard let value = Int(text) else {
            throw ConfigurationError(variable: name, reason: "'\(text)' is not a whole number")
        }
        guard range.contains(value) else {
            throw ConfigurationError(
                variable: name, reason: "\(value) is outside \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    public mutating func milliseconds(
        _ name: String, default defaultValue: Duration, in range: ClosedRange<Int> = 1...3_600_000
    ) throws -> Duration {
        guard values[name] != nil else {
            _ = raw(name)
            return defaultValue
        }
        return .milliseconds(try int(name, default: 0, in: range))
    }

    public mutating func bool(_ name: String, default defaultValue: Bool) throws -> Bool {
        guard let text = raw(name) else { return defaultValue }
        switch text.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw ConfigurationError(variable: name, reason: "'\(text)' is not true or false")
        }
    }

    public mutating func choice<T: RawRepresentable<String> & CaseIterable>(
        _ name: String, default defaultValue: T
    ) throws -> T {
        guard let text = raw(name) else { return defaultValue }
        guard let value = T(rawValue: text.lowercased()) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw ConfigurationError(variable: name, reason: "'\(text)' is not one of: \(allowed)")
        }
        return value
    }

    /// A URL with one of the given schemes and a host.
    public mutating func url(_ name: String, default defaultValue: String, schemes: Set<String>) throws -> String {
        let text = raw(name) ?? defaultValue
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            schemes.contains(scheme), let host = components.host, !host.isEmpty
        else {
            let expected = schemes.sorted().map { "\($0)://" }.joined(separator: " or ")
            throw ConfigurationError(variable: name, reason: "'\(redacted(text))' is not a \(expected) URL with a host")
        }
        return text.hasSuffix("/") && (scheme == "http" || scheme == "https") ? String(text.dropLast()) : text
    }

    /// A secret from `NAME`, or from the file named by `NAME_FILE` (Docker and
    /// Kubernetes secrets). Returns nil when neither is set.
    public mutating func secret(_ name: String, minimumBytes: Int) throws -> [UInt8]? {
        var bytes: [UInt8]?
        if let path = raw(name + "_FILE") {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ConfigurationError(variable: name + "_FILE", reason: "cannot read '\(path)'")
            }
            bytes = Array(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        } else if let value = raw(name) {
            bytes = Array(value.utf8)
        }
        if let bytes, bytes.count < minimumBytes {
            throw ConfigurationError(
                variable: name, reason: "must be at least \(minimumBytes) bytes, got \(bytes.count)")
        }
        return bytes
    }

    /// Hides a URL's password in error messages.
    private func redacted(_ text: String) -> String {
        guard var components = URLComponents(string: text), components.password != nil else { return text }
        components.password = "***"
        return components.string ?? text
    }
}
