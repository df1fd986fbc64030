import Contracts
import Foundation
import Taxonomy
import Testing

@testable import ProfileService

/// Field-level accuracy of the deterministic parser over the text-based résumé
/// fixtures: each fixture's PDF, DOCX (and Markdown and plain text when present)
/// goes through `DocumentTextExtractor` and `ResumeTextParser`, and every leaf of
/// its `NAME.expected.json` is checked against the result.
///
/// What counts as a field: each scalar in `basics` (profiles matched by network),
/// in each `work`, `education`, `languages`, `certificates` and `projects` entry
/// and each skill group (entries aligned to the parsed ones by best match), each
/// highlight and keyword (present in the aligned entry), an omitted `endDate`
/// (the job still runs) and each `x-careergini` skill id. Text compares without
/// case, accents, punctuation and spacing; phones by their digits; addresses
/// without scheme and "www.".
///
/// Two sets, scored apart. `Fixtures/resumes/` is what the parser was tuned on:
/// 99.9% overall with pdftotext's `-raw` reading order (lowest document 98.8%),
/// 99.6% with its physical order and 99.8% with `-layout` (lowest 95.4%) when its
/// thresholds were set — that measures fit, and its margin leaves room for fixture
/// edits and reading-order changes without letting a real regression through.
/// `Fixtures/resumes-holdout/` holds five résumés in other styles (UK CV, academic
/// CV, designer sidebar, hand-typed one-line job headers, tabular Lebenslauf)
/// written after the parser was finished and never used to tune it: that is the
/// honest measure of how it generalises, with thresholds a few points under what
/// it scored when they were set, so a parser change that loses ground on unseen
/// input fails here even if the tuning set still passes.
@Suite struct ResumeParsingAccuracyTests {
    /// Overall accuracy the parser must keep on the tuning fixtures (the test prints the table).
    static let overallThreshold = 0.97
    /// No single tuning document may fall below this.
    static let perDocumentFloor = 0.92
    /// Overall accuracy on the held-out résumés: 77.4% (798 of 1031 fields) when set.
    static let heldOutOverallThreshold = 0.74
    /// Each held-out document's floor, five points under what it scored when set (rounded
    /// down): the documents differ too much (34.8% to 95.8%) for one floor to guard them all.
    static let heldOutDocumentFloors: [String: Double] = [
        "ana-ferreira-academic-cv.pdf": 0.72,  // 77.8%
        "ana-ferreira-academic-cv.docx": 0.72,  // 77.8%
        "jan-hoffmann-lebenslauf-tabellarisch.pdf": 0.88,  // 93.7%
        "jan-hoffmann-lebenslauf-tabellarisch.docx": 0.90,  // 95.8%
        "maya-lindqvist-designer.pdf": 0.29,  // 34.8%
        "maya-lindqvist-designer.docx": 0.29,  // 34.8%
        "oliver-hughes-uk-cv.pdf": 0.85,  // 90.5%
        "oliver-hughes-uk-cv.docx": 0.85,  // 90.5%
        "tomas-reyes-staff-engineer.pdf": 0.75,  // 80.2%
        "tomas-reyes-staff-engineer.docx": 0.75,  // 80.2%
        "tomas-reyes-staff-engineer.md": 0.85,  // 90.1%
    ]
    /// The fixtures' LinkedIn export says "January 2020 - Present (4 years 11 months)".
    static let referenceDate = Date(timeIntervalSince1970: 1_734_220_800)  // 2024-12-15

    @Test func fieldLevelAccuracyOverTheFixtures() async throws {
        let results = try await Self.score(folder: "resumes", minimumFixtures: 12)
        let overall = Self.report(results, title: "tuning fixtures (Fixtures/resumes)")
        #expect(results.count >= 24, "each fixture should be read from its PDF and its DOCX")
        #expect(overall >= Self.overallThreshold, "overall field accuracy \(overall)")
        for (document, score) in results {
            #expect(
                score.accuracy >= Self.perDocumentFloor,
                "\(document): \(score.matched)/\(score.total); misses: \(score.misses.prefix(12))")
        }
    }

    @Test func fieldLevelAccuracyOverTheHeldOutResumes() async throws {
        let results = try await Self.score(folder: "resumes-holdout", minimumFixtures: 5)
        let overall = Self.report(results, title: "held-out résumés, never tuned on (Fixtures/resumes-holdout)")
        #expect(
            results.count >= 11, "each held-out résumé should be read from its PDF and its DOCX, one also as Markdown")
        #expect(overall >= Self.heldOutOverallThreshold, "held-out overall field accuracy \(overall)")
        #expect(
            Set(results.map(\.document)) == Set(Self.heldOutDocumentFloors.keys),
            "a held-out document was added or removed: measure it and set its floor")
        for (document, score) in results {
            let floor = Self.heldOutDocumentFloors[document] ?? 1
            #expect(
                score.accuracy >= floor,
                "\(document): \(score.matched)/\(score.total); misses: \(score.misses.prefix(12))")
        }
    }

    /// Every document with a `NAME.expected.json` in `Fixtures/<folder>/`, scored.
    static func score(folder: String, minimumFixtures: Int) async throws -> [(document: String, score: FieldScore)] {
        let directory = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
            .appending(path: folder)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        let names = files.filter { $0.hasSuffix(".expected.json") }.map { String($0.dropLast(".expected.json".count)) }
            .sorted()
        try #require(
            names.count >= minimumFixtures,
            "expected at least \(minimumFixtures) fixtures with an expected.json in \(folder), found \(names.count)")
        let parser = ResumeTextParser(taxonomy: try Taxonomy.bundled())
        let extractor = DocumentTextExtractor()
        let environment = ProcessInfo.processInfo.environment
        let verbose = environment["RESUME_ACCURACY_VERBOSE"] != nil
        // RESUME_ACCURACY_DUMP=<folder>: also write each parsed résumé there, to see why a field was missed.
        let dump = environment["RESUME_ACCURACY_DUMP"].map { URL(filePath: $0) }

        var results: [(document: String, score: FieldScore)] = []
        for name in names {
            let expectedData = try Data(contentsOf: directory.appending(path: "\(name).expected.json"))
            let expected = try #require(try JSONSerialization.jsonObject(with: expectedData) as? [String: Any])
            for format in ["pdf", "docx", "md", "txt"] where files.contains("\(name).\(format)") {
                let bytes = try [UInt8](Data(contentsOf: directory.appending(path: "\(name).\(format)")))
                let document = try await extractor.extract(bytes, filename: "\(name).\(format)")
                let resume = parser.parse(document.text, referenceDate: referenceDate)
                let actualData = try JSONEncoder().encode(resume)
                if let dump {
                    try actualData.write(to: dump.appending(path: "\(name).\(format).parsed.json"))
                }
                let actual = try #require(try JSONSerialization.jsonObject(with: actualData) as? [String: Any])
                let score = FieldScore.compare(expected: expected, actual: actual)
                results.append(("\(name).\(format)", score))
                if verbose, !score.misses.isEmpty {
                    print("— \(name).\(format) misses:\n" + score.misses.map { "    \($0)" }.joined(separator: "\n"))
                }
            }
        }
        return results
    }

    /// Prints the per-document table and returns the overall accuracy.
    static func report(_ results: [(document: String, score: FieldScore)], title: String) -> Double {
        var table = [
            title,
            "document                                         fields   matched  accuracy  skills(recall/precision)",
        ]
        for (document, score) in results {
            table.append(
                document.padding(toLength: 49, withPad: " ", startingAt: 0)
                    + String(
                        format: "%6d   %6d   %6.1f%%   %5.1f%% / %5.1f%%", score.total, score.matched,
                        score.accuracy * 100, score.skillRecall * 100, score.skillPrecision * 100))
        }
        let total = results.reduce(0) { $0 + $1.score.total }
        let matched = results.reduce(0) { $0 + $1.score.matched }
        let overall = total == 0 ? 0 : Double(matched) / Double(total)
        table.append(String(format: "overall: %d of %d fields, %.1f%%", matched, total, overall * 100))
        print(table.joined(separator: "\n"))
        return overall
    }
}

/// Leaves of an expected JSON Resume found in a parsed one.
struct FieldScore {
    var total = 0
    var matched = 0
    var misses: [String] = []
    var skillsExpected = 0
    var skillsFound = 0
    var skillsParsed = 0

    var accuracy: Double { total == 0 ? 1 : Double(matched) / Double(total) }
    var skillRecall: Double { skillsExpected == 0 ? 1 : Double(skillsFound) / Double(skillsExpected) }
    var skillPrecision: Double { skillsParsed == 0 ? 1 : Double(skillsFound) / Double(skillsParsed) }

    static let sections = ["work", "education", "languages", "certificates", "projects", "skills"]

    static func compare(expected: [String: Any], actual: [String: Any]) -> FieldScore {
        var score = FieldScore()
        if let basics = expected["basics"] as? [String: Any] {
            score.object(basics, actual["basics"] as? [String: Any], path: "basics")
        }
        for section in sections {
            guard let entries = expected[section] as? [[String: Any]] else { continue }
            score.entries(entries, actual[section] as? [[String: Any]] ?? [], path: section)
        }
        let expectedIds = Set(
            ((expected["x-careergini"] as? [String: Any])?["skills"] as? [[String: Any]] ?? []).compactMap {
                $0["id"] as? String
            })
        let actualIds = Set(
            ((actual["x-careergini"] as? [String: Any])?["skills"] as? [[String: Any]] ?? []).compactMap {
                $0["id"] as? String
            })
        score.skillsExpected = expectedIds.count
        score.skillsFound = expectedIds.intersection(actualIds).count
        score.skillsParsed = actualIds.count
        for id in expectedIds.sorted() {
            score.record(actualIds.contains(id), "x-careergini.skills: \(id) missing")
        }
        return score
    }

    mutating func record(_ hit: Bool, _ miss: @autoclosure () -> String) {
        total += 1
        if hit { matched += 1 } else { misses.append(miss()) }
    }

    /// Each expected entry against the parsed entry that shares the most leaves with it.
    mutating func entries(_ expected: [[String: Any]], _ actual: [[String: Any]], path: String) {
        var used = Set<Int>()
        for (index, entry) in expected.enumerated() {
            var best: (index: Int, hits: Int)?
            for (candidateIndex, candidate) in actual.enumerated() where !used.contains(candidateIndex) {
                var probe = FieldScore()
                probe.object(entry, candidate, path: "")
                if probe.matched > (best?.hits ?? 0) {
                    best = (candidateIndex, probe.matched)
                }
            }
            if let best { used.insert(best.index) }
            object(entry, best.map { actual[$0.index] }, path: "\(path)[\(index)]")
        }
    }

    mutating func object(_ expected: [String: Any], _ actual: [String: Any]?, path: String) {
        for key in expected.keys.sorted() {
            let value = expected[key]
            let other = actual?[key]
            let here = "\(path).\(key)"
            switch value {
            case let text as String:
                let found = other as? String
                record(
                    found.map { Self.same(text, $0, key: key) } ?? false,
                    "\(here): expected \"\(text)\", got \(found.map { "\"\($0)\"" } ?? "nothing")")
            case let list as [String]:
                let found = (other as? [String] ?? []).map(Self.normalized)
                for (index, item) in list.enumerated() {
                    record(found.contains(Self.normalized(item)), "\(here)[\(index)]: \"\(item)\" missing")
                }
            case let object as [String: Any]:
                self.object(object, other as? [String: Any], path: here)
            case let list as [[String: Any]] where key == "profiles":
                let found = other as? [[String: Any]] ?? []
                for profile in list {
                    let network = profile["network"] as? String
                    let match = found.first { ($0["network"] as? String)?.lowercased() == network?.lowercased() }
                    self.object(profile, match, path: "\(here)[\(network ?? "?")]")
                }
            case let list as [[String: Any]]:
                entries(list, other as? [[String: Any]] ?? [], path: here)
            default:
                continue
            }
        }
        // A job, degree or project still running has no end date.
        if expected["startDate"] != nil, expected["endDate"] == nil {
            record(
                actual != nil && actual?["endDate"] == nil,
                "\(path).endDate: expected none (current), got \(actual?["endDate"] ?? "no entry")")
        }
    }

    static func same(_ expected: String, _ actual: String, key: String) -> Bool {
        switch key {
        case "phone":
            return expected.filter(\.isNumber) == actual.filter(\.isNumber)
        case "url", "email":
            return address(expected) == address(actual)
        default:
            return normalized(expected) == normalized(actual)
        }
    }

    static func address(_ text: String) -> String {
        var key = Substring(text.lowercased())
        for prefix in ["https://", "http://", "www."] where key.hasPrefix(prefix) { key = key.dropFirst(prefix.count) }
        while key.hasSuffix("/") { key = key.dropLast() }
        return String(key)
    }

    /// Case, accents, punctuation and spacing aside.
    static func normalized(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .split { !$0.isLetter && !$0.isNumber }.joined(separator: " ")
    }
}
