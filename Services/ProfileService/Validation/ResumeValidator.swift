import Contracts
import Foundation
import HTTPTypes
import ServiceKit
import Taxonomy

/// Checks a profile document a user saves: the JSON Resume formats (partial
/// dates, e-mail, URLs), CareerGini's extension (taxonomy ids, levels), and
/// sizes that keep one profile reasonable. Every problem is reported at once,
/// by JSON Pointer.
struct ResumeValidator: Sendable {
    let taxonomy: Taxonomy
    static let maximumEntries = 200
    static let maximumTextLength = 20_000

    func validate(_ resume: Resume) throws {
        var errors: [Problem.FieldError] = []
        func check(_ condition: Bool, _ pointer: String, _ reason: String) {
            if !condition { errors.append(.init(pointer: pointer, reason: reason)) }
        }
        func date(_ value: String?, _ pointer: String) {
            guard let value else { return }
            check(Self.isPartialDate(value), pointer, "must be an ISO 8601 date: YYYY, YYYY-MM or YYYY-MM-DD")
        }
        func url(_ value: String?, _ pointer: String) {
            guard let value, !value.isEmpty else { return }
            check(Self.isWebURL(value), pointer, "must be an http or https URL")
        }
        func count(_ items: [some Any]?, _ pointer: String) {
            check((items?.count ?? 0) <= Self.maximumEntries, pointer, "at most \(Self.maximumEntries) entries")
        }

        if let basics = resume.basics {
            if let email = basics.email, !email.isEmpty {
                check(Self.isEmail(email), "/basics/email", "must be an e-mail address")
            }
            url(basics.url, "/basics/url")
            url(basics.image, "/basics/image")
            check(
                (basics.summary?.count ?? 0) <= Self.maximumTextLength, "/basics/summary",
                "at most \(Self.maximumTextLength) characters")
            for (index, profile) in (basics.profiles ?? []).enumerated() {
                url(profile.url, "/basics/profiles/\(index)/url")
            }
            if let code = basics.location?.countryCode, !code.isEmpty {
                check(
                    code.count == 2 && code.allSatisfy(\.isLetter), "/basics/location/countryCode",
                    "must be an ISO 3166-1 alpha-2 code such as US or DE")
            }
        }
        for (name, list) in [("work", resume.work), ("volunteer", resume.volunteer)] {
            count(list, "/\(name)")
            for (index, entry) in (list ?? []).enumerated() {
                date(entry.startDate, "/\(name)/\(index)/startDate")
                date(entry.endDate, "/\(name)/\(index)/endDate")
                url(entry.url, "/\(name)/\(index)/url")
                if let start = PartialDate.month(entry.startDate),
                    let end = PartialDate.month(entry.endDate, asEnd: true)
                {
                    check(start <= end, "/\(name)/\(index)/endDate", "must not be before startDate")
                }
                check((entry.highlights?.count ?? 0) <= 50, "/\(name)/\(index)/highlights", "at most 50 highlights")
            }
        }
        count(resume.education, "/education")
        for (index, entry) in (resume.education ?? []).enumerated() {
            date(entry.startDate, "/education/\(index)/startDate")
            date(entry.endDate, "/education/\(index)/endDate")
            url(entry.url, "/education/\(index)/url")
        }
        count(resume.projects, "/projects")
        for (index, entry) in (resume.projects ?? []).enumerated() {
            date(entry.startDate, "/projects/\(index)/startDate")
            date(entry.endDate, "/projects/\(index)/endDate")
            url(entry.url, "/projects/\(index)/url")
        }
        count(resume.certificates, "/certificates")
        for (index, entry) in (resume.certificates ?? []).enumerated() {
            date(entry.date, "/certificates/\(index)/date")
            url(entry.url, "/certificates/\(index)/url")
        }
        for (index, entry) in (resume.awards ?? []).enumerated() { date(entry.date, "/awards/\(index)/date") }
        for (index, entry) in (resume.publications ?? []).enumerated() {
            date(entry.releaseDate, "/publications/\(index)/releaseDate")
            url(entry.url, "/publications/\(index)/url")
        }
        count(resume.skills, "/skills")
        count(resume.languages, "/languages")
        if let careergini = resume.careergini {
            count(careergini.skills, "/x-careergini/skills")
            for (index, skill) in (careergini.skills ?? []).enumerated() {
                let pointer = "/x-careergini/skills/\(index)"
                check(taxonomy.skill(skill.id) != nil, pointer + "/id", "is not a skill id in the taxonomy")
                if let level = skill.level { check((1...5).contains(level), pointer + "/level", "must be 1–5") }
                if let years = skill.years { check(years >= 0 && years <= 60, pointer + "/years", "must be 0–60") }
                date(skill.lastUsed, pointer + "/lastUsed")
            }
            for (index, role) in (careergini.targetRoles ?? []).enumerated() {
                check(
                    taxonomy.role(role) != nil, "/x-careergini/targetRoles/\(index)", "is not a role id in the taxonomy"
                )
            }
            if let preferences = careergini.preferences {
                if let salary = preferences.salaryMin {
                    check(salary >= 0, "/x-careergini/preferences/salaryMin", "must not be negative")
                }
                if let currency = preferences.salaryCurrency {
                    check(
                        currency.count == 3 && currency.allSatisfy(\.isUppercase),
                        "/x-careergini/preferences/salaryCurrency", "must be an ISO 4217 code such as EUR")
                }
            }
        }
        guard errors.isEmpty else {
            throw ServiceError(
                .unprocessableContent, detail: "the profile is not a valid JSON Resume document",
                fieldErrors: errors)
        }
    }

    /// The schema's pattern: YYYY, YYYY-MM or YYYY-MM-DD with a real month and day.
    static func isPartialDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        let widths = [4, 2, 2]
        guard (1...3).contains(parts.count) else { return false }
        for (index, part) in parts.enumerated() {
            guard part.count == widths[index], part.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        }
        if parts.count >= 2, let month = Int(parts[1]), !(1...12).contains(month) { return false }
        if parts.count == 3, let day = Int(parts[2]), !(1...31).contains(day) { return false }
        return true
    }

    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, text.count <= 254 else { return false }
        let domain = parts[1]
        guard domain.contains("."), !domain.hasPrefix("."), !domain.hasSuffix(".") else { return false }
        return !text.contains(where: \.isWhitespace)
    }

    static func isWebURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty
        else { return false }
        return scheme == "http" || scheme == "https"
    }
}
