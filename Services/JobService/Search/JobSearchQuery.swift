import Contracts
import Foundation
import ServiceKit
import Taxonomy

/// The query of `GET /jobs`, validated and in canonical form: text trimmed,
/// lower-cased and with single spaces; lists sorted without repeats; skills as
/// taxonomy ids. Two spellings of one search are equal values, so they share a
/// cache entry and their cursors are interchangeable. Every bad parameter is
/// named in one 400; parameters this route does not know are ignored.
struct JobSearchQuery: Sendable, Equatable {
    /// Web-search syntax for `websearch_to_tsquery`: words, "quoted phrases",
    /// `OR`, `-exclusion`. Lower-casing changes nothing there (`or` is `OR`).
    var text: String?
    /// A case-insensitive substring of any of the posting's locations.
    var location: String?
    var workplaces: [Job.Workplace] = []
    var employmentTypes: [String] = []
    /// Postings paying at least this much a year (their upper bound, else their
    /// lower one); postings without a salary do not match.
    var salaryMin: Double?
    /// Postings whose ordering date is at most this many hours old.
    var postedWithinHours: Int?
    /// Taxonomy ids; a posting must name every one of them.
    var skills: [String] = []
    /// Lower-cased; matched case-insensitively and exactly.
    var company: String?
    var limit = Self.defaultLimit
    var cursor: SearchCursor?

    static let defaultLimit = 20
    static let maximumLimit = 50
    static let maximumTextLength = 200
    static let maximumLocationLength = 200
    static let maximumCompanyLength = 200
    static let maximumSkills = 20
    /// A year: a longer window is no filter at all.
    static let maximumPostedWithinHours = 366 * 24
    static let employmentTypeNames = ["full_time", "part_time", "contract", "temporary", "internship"]

    init() {}

    /// Reads and checks the parameters `parameter` returns (nil when absent).
    init(_ parameter: (String) -> String?, taxonomy: Taxonomy) throws {
        var errors: [Problem.FieldError] = []
        func fail(_ name: String, _ reason: String) { errors.append(.init(pointer: "/\(name)", reason: reason)) }

        if let raw = parameter("q") {
            let text = Self.collapsed(raw).lowercased()
            if text.count > Self.maximumTextLength {
                fail("q", "must be at most \(Self.maximumTextLength) characters")
            } else if !text.isEmpty {
                self.text = text
            }
        }
        if let raw = parameter("location") {
            let location = Self.collapsed(raw).lowercased()
            if location.count > Self.maximumLocationLength {
                fail("location", "must be at most \(Self.maximumLocationLength) characters")
            } else if !location.isEmpty {
                self.location = location
            }
        }
        if let raw = parameter("workplace") {
            var workplaces = Set<Job.Workplace>()
            for name in Self.items(raw) {
                if let workplace = Job.Workplace(rawValue: name) {
                    workplaces.insert(workplace)
                } else {
                    fail("workplace", "'\(name)' is not one of remote, hybrid, onsite")
                }
            }
            self.workplaces = workplaces.sorted { $0.rawValue < $1.rawValue }
        }
        if let raw = parameter("type") {
            var types = Set<String>()
            for name in Self.items(raw) {
                if Self.employmentTypeNames.contains(name) {
                    types.insert(name)
                } else {
                    fail("type", "'\(name)' is not one of \(Self.employmentTypeNames.joined(separator: ", "))")
                }
            }
            employmentTypes = types.sorted()
        }
        if let raw = parameter("salaryMin") {
            let text = raw.trimmingCharacters(in: .whitespaces)
            if let value = Double(text), value.isFinite, value >= 0, value <= 1e12 {
                salaryMin = value
            } else {
                fail("salaryMin", "must be a number of at least 0 (a yearly amount)")
            }
        }
        if let raw = parameter("postedWithin") {
            if let hours = Self.hours(raw), (1...Self.maximumPostedWithinHours).contains(hours) {
                postedWithinHours = hours
            } else {
                fail("postedWithin", "must be hours or days, like 24h, 7d or 30 (days), up to a year")
            }
        }
        if let raw = parameter("skills") {
            let names = Self.items(raw, lowercased: false)
            var ids = Set<String>()
            for name in names {
                if let id = taxonomy.skillId(for: name) {
                    ids.insert(id)
                } else {
                    fail("skills", "'\(name)' is not a skill we know")
                }
            }
            if ids.count > Self.maximumSkills {
                fail("skills", "at most \(Self.maximumSkills) skills")
            }
            skills = ids.sorted()
        }
        if let raw = parameter("company") {
            let company = Self.collapsed(raw).lowercased()
            if company.count > Self.maximumCompanyLength {
                fail("company", "must be at most \(Self.maximumCompanyLength) characters")
            } else if !company.isEmpty {
                self.company = company
            }
        }
        if let raw = parameter("limit") {
            if let value = Int(raw.trimmingCharacters(in: .whitespaces)), (1...Self.maximumLimit).contains(value) {
                limit = value
            } else {
                fail("limit", "must be a whole number from 1 to \(Self.maximumLimit)")
            }
        }
        if let raw = parameter("cursor"), !raw.isEmpty {
            if let cursor = SearchCursor(raw) {
                self.cursor = cursor
            } else {
                fail("cursor", "must be the nextCursor of an earlier page")
            }
        }
        guard errors.isEmpty else { throw ServiceError.badRequest("the search is invalid", fieldErrors: errors) }
        // Checked last: a cursor is only meaningful for the filters it came from.
        if let cursor,
            cursor.fingerprint != fingerprint.prefix(SearchCursor.fingerprintLength)
                || (cursor.rank != nil) != (text != nil)
        {
            throw ServiceError.badRequest(
                "the cursor belongs to a different search",
                fieldErrors: [.init(pointer: "/cursor", reason: "was made for a different search; start from page 1")]
            )
        }
    }

    /// Trimmed, with every run of whitespace one space.
    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The non-empty items of a comma-separated list.
    static func items(_ text: String, lowercased: Bool = true) -> [String] {
        text.split(separator: ",").map { collapsed(String($0)) }.filter { !$0.isEmpty }
            .map { lowercased ? $0.lowercased() : $0 }
    }

    /// "24h" → 24, "7d" → 168, "30" (days) → 720; nil for anything else.
    static func hours(_ text: String) -> Int? {
        let text = text.trimmingCharacters(in: .whitespaces).lowercased()
        if text.hasSuffix("h"), let hours = Int(text.dropLast()), hours > 0 { return hours }
        let days = text.hasSuffix("d") ? Int(text.dropLast()) : Int(text)
        guard let days, days > 0, days <= maximumPostedWithinHours / 24 else { return nil }
        return days * 24
    }
}
