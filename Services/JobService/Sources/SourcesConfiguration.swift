import Foundation

/// The boards job-service ingests, read once at start from `JOB_SOURCES_FILE`
/// or the bundled `Resources/job-sources.json`:
/// `{"sources": [{"provider": "greenhouse", "board": "stripe", "name": "Stripe", "enabled": true}]}`.
///
/// A file with any mistake refuses to start the service: a typo in a provider
/// or a repeated board would otherwise silently ingest less than intended.
struct SourcesConfiguration: Sendable, Equatable {
    /// Every provider a source may name; Adzuna and USAJobs also need credentials to run.
    static let knownProviders = ["greenhouse", "lever", "ashby", "remoteok", "arbeitnow", "adzuna", "usajobs"]
    static let bundledFileName = "job-sources.json"

    /// In file order.
    var sources: [JobSource]

    /// The source with `id`, nil when none is configured.
    func source(id: String) -> JobSource? {
        sources.first { $0.id == id }
    }

    /// Reads `file`, or the bundled list when `file` is nil.
    static func load(file: String?) throws -> SourcesConfiguration {
        if let file {
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: file))
            } catch {
                throw SourcesConfigurationError(origin: file, problems: ["cannot read the file: \(error)"])
            }
            return try decode(data, origin: file)
        }
        guard
            let url = JobServiceResources.bundle.url(
                forResource: bundledFileName, withExtension: nil, subdirectory: "Resources")
        else {
            throw SourcesConfigurationError(
                origin: bundledFileName, problems: ["the bundled sources file is missing from the service's bundle"])
        }
        return try decode(try Data(contentsOf: url), origin: "bundled \(bundledFileName)")
    }

    /// Parses and validates a sources document; `origin` names it in errors.
    static func decode(_ data: Data, origin: String) throws -> SourcesConfiguration {
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch {
            throw SourcesConfigurationError(origin: origin, problems: [Self.describe(error)])
        }
        var problems: [String] = []
        var sources: [JobSource] = []
        var seen: [String: Int] = [:]
        for (index, entry) in document.sources.enumerated() {
            let position = "source \(index + 1)"
            let provider = entry.provider.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            let board = entry.board.trimmingCharacters(in: .whitespacesAndNewlines)
            var valid = true
            if !knownProviders.contains(provider) {
                problems.append(
                    "\(position): unknown provider '\(entry.provider)' (known: \(knownProviders.joined(separator: ", ")))"
                )
                valid = false
            }
            if board.isEmpty {
                problems.append("\(position): the board is empty")
                valid = false
            }
            guard valid else { continue }
            let id = "\(provider):\(board)"
            // Boards are matched without case at every provider, so "Stripe" repeats "stripe".
            if let first = seen[id.lowercased()] {
                problems.append("\(position): duplicate id '\(id)' (also source \(first))")
                continue
            }
            seen[id.lowercased()] = index + 1
            let name = entry.name?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            sources.append(
                JobSource(
                    id: id, provider: provider, board: board, name: name.isEmpty ? board : name,
                    enabled: entry.enabled ?? true))
        }
        guard problems.isEmpty else { throw SourcesConfigurationError(origin: origin, problems: problems) }
        return SourcesConfiguration(sources: sources)
    }

    /// The file's shape: `id` is always derived, never read.
    private struct Document: Decodable {
        struct Entry: Decodable {
            var provider: String
            var board: String
            var name: String?
            var enabled: Bool?
        }

        var sources: [Entry]
    }

    /// A decoding error as one line naming the path to the bad value.
    private static func describe(_ error: any Error) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return keys.isEmpty ? "the document" : String(keys.drop { $0 == "." })
        }
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            let at = path(context)
            return "'\(key.stringValue)' is missing" + (at == "the document" ? "" : " in \(at)")
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "\(path(context)) has the wrong type: \(context.debugDescription)"
        case DecodingError.dataCorrupted(let context):
            return "not valid JSON: \(context.debugDescription)"
        default:
            return "not a sources document: \(error)"
        }
    }
}

/// Why the sources file cannot be used; the service refuses to start with it.
struct SourcesConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file path, or "bundled job-sources.json".
    var origin: String
    var problems: [String]

    var description: String {
        "invalid job sources in \(origin): " + problems.joined(separator: "; ")
    }
}
