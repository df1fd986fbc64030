import Contracts
import Foundation
import Security
import Taxonomy

/// The curated catalogue shipped in `Resources/catalogue/*.json`: validated
/// when it is read, so a malformed entry stops the service at start instead of
/// reaching a learner.
struct Catalogue: Sendable {
    let entries: [CatalogueEntry]
    /// SHA-256 (hex) of the entries as JSON: which catalogue the database holds.
    let hash: String

    /// The bundled catalogue checked against the bundled taxonomy, read once per
    /// process (the service builds its routes from it; tests build many apps).
    static func shipped() throws -> Catalogue { try shippedOnce.get() }

    private static let shippedOnce = Result<Catalogue, any Error> { try bundled(taxonomy: try Taxonomy.bundled()) }

    /// The catalogue bundled with the service, checked against `taxonomy`.
    static func bundled(taxonomy: Taxonomy) throws -> Catalogue {
        guard let folder = Bundle.module.url(forResource: "catalogue", withExtension: nil, subdirectory: "Resources")
        else { throw CatalogueError(["the catalogue folder is missing from the bundle"]) }
        return try load(folder: folder, taxonomy: taxonomy)
    }

    /// Reads every `.json` file in `folder`, in name order.
    static func load(folder: URL, taxonomy: Taxonomy) throws -> Catalogue {
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        var entries: [CatalogueEntry] = []
        var bytes: [UInt8] = []
        for file in files {
            do {
                let data = try Data(contentsOf: file)
                entries += try JSONDecoder().decode([CatalogueEntry].self, from: data)
                bytes += data
            } catch {
                throw CatalogueError(["\(file.lastPathComponent): \(error)"])
            }
        }
        return try Catalogue(entries: entries, taxonomy: taxonomy, hash: Digest.hex(Digest.sha256(bytes)))
    }

    /// Checks every entry; throws with all the problems found, not just the
    /// first. `hash` names the entries; by default, a hash of them as JSON.
    init(entries: [CatalogueEntry], taxonomy: Taxonomy, hash: String? = nil) throws {
        let problems = Self.problems(in: entries, taxonomy: taxonomy)
        guard problems.isEmpty else { throw CatalogueError(problems) }
        self.entries = entries
        if let hash {
            self.hash = hash
        } else {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            self.hash = Digest.hex(Digest.sha256(try encoder.encode(entries)))
        }
    }

    var resources: [LearningResource] { entries.map(\.resource) }

    static func problems(in entries: [CatalogueEntry], taxonomy: Taxonomy) -> [String] {
        var problems: [String] = []
        var ids = Set<String>()
        var urls = Set<String>()
        for entry in entries {
            let name = entry.id.isEmpty ? "an entry titled \"\(entry.title)\"" : entry.id
            if !Self.isKebabCase(entry.id) {
                problems.append("\(name): the id must be lowercase kebab-case")
            }
            if !ids.insert(entry.id).inserted { problems.append("\(name): the id appears twice") }
            if !urls.insert(entry.url).inserted { problems.append("\(name): the URL \(entry.url) appears twice") }
            if !Self.isWellFormedURL(entry.url) { problems.append("\(name): \(entry.url) is not an https URL") }
            if entry.title.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("\(name): no title") }
            if entry.provider.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("\(name): no provider") }
            if !(entry.estimatedHours > 0 && entry.estimatedHours <= 300) {
                problems.append("\(name): estimatedHours must be in (0, 300]")
            }
            if !(entry.language.utf8.count == 2 && entry.language.utf8.allSatisfy { (0x61...0x7A).contains($0) }) {
                problems.append("\(name): language must be an ISO 639-1 code")
            }
            if entry.skills.isEmpty { problems.append("\(name): teaches no skill") }
            if Set(entry.skills).count != entry.skills.count { problems.append("\(name): a skill is listed twice") }
            for skill in entry.skills where taxonomy.skill(skill) == nil {
                problems.append("\(name): \(skill) is not a Taxonomy skill id")
            }
        }
        return problems
    }

    /// Lowercase letters and digits in words joined by single hyphens; checked
    /// byte by byte, as regular expressions cost a start-up second in debug.
    static func isKebabCase(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard let first = bytes.first, let last = bytes.last, first != 0x2D, last != 0x2D else { return false }
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case 0x61...0x7A, 0x30...0x39: continue
            case 0x2D where bytes[index - 1] != 0x2D: continue
            default: return false
            }
        }
        return true
    }

    private static func isWellFormedURL(_ text: String) -> Bool {
        guard let url = URLComponents(string: text), url.scheme == "https", let host = url.host, host.contains(".")
        else { return false }
        return !text.contains(" ")
    }

    /// The skills a learner can be sent to learn: every skill a role requires
    /// or prefers, and their prerequisites.
    static func skillsToCover(_ taxonomy: Taxonomy) -> Set<String> {
        var skills = Set<String>()
        for role in taxonomy.roles.values {
            for skill in role.required + role.preferred {
                skills.insert(skill)
                skills.formUnion(taxonomy.prerequisiteChain(of: skill))
            }
        }
        return skills
    }

    /// Skills among `skillsToCover` with fewer than `minimum` free resources, sorted.
    func uncovered(_ taxonomy: Taxonomy, minimum: Int = 2) -> [String] {
        var free: [String: Int] = [:]
        for entry in entries where entry.cost == .free {
            for skill in entry.skills { free[skill, default: 0] += 1 }
        }
        return Self.skillsToCover(taxonomy).filter { free[$0, default: 0] < minimum }.sorted()
    }
}

/// The catalogue file is malformed; every problem found is listed.
struct CatalogueError: Error, CustomStringConvertible {
    let problems: [String]

    init(_ problems: [String]) { self.problems = problems }

    var description: String {
        "the learning catalogue is malformed (\(problems.count) problems): "
            + problems.prefix(20).joined(separator: "; ")
    }
}
