import Contracts
import Database
import Foundation

/// Reads a JSON object field by field and collects every problem with its JSON
/// Pointer instead of stopping at the first, so one 400 names them all.
struct JSONFieldReader {
    /// Why a field's value was refused.
    struct Refusal: Error {
        let reason: String
    }

    private let members: [String: JSONValue]
    private let pointer: String
    private(set) var errors: [Problem.FieldError] = []

    /// `pointer` locates the object itself: "" for a body, "/job" for a nested one.
    init(_ value: JSONValue, pointer: String = "") {
        self.pointer = pointer
        if case .object(let members) = value {
            self.members = members
        } else {
            self.members = [:]
            errors.append(.init(pointer: pointer, reason: "must be a JSON object"))
        }
    }

    var isEmpty: Bool { members.isEmpty }

    func has(_ key: String) -> Bool { members[key] != nil }

    func location(of key: String) -> String {
        pointer + "/" + key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    mutating func fail(_ key: String, _ reason: String) {
        errors.append(.init(pointer: location(of: key), reason: reason))
    }

    mutating func absorb(_ other: JSONFieldReader) { errors += other.errors }

    /// A misspelt field would otherwise be ignored without a word.
    mutating func rejectUnknown(allowed: Set<String>) {
        for key in members.keys.sorted() where !allowed.contains(key) {
            fail(key, "unknown field; expected one of " + allowed.sorted().joined(separator: ", "))
        }
    }

    /// Absent → unchanged, `null` → cleared, else `parse`'s value or its refusal recorded.
    mutating func read<Value>(
        _ key: String, _ parse: (JSONValue) -> Result<Value, Refusal>
    ) -> FieldUpdate<Value> {
        guard let value = members[key] else { return .unchanged }
        if case .null = value { return .cleared }
        switch parse(value) {
        case .success(let parsed): return .set(parsed)
        case .failure(let refusal):
            fail(key, refusal.reason)
            return .unchanged
        }
    }

    /// Text trimmed of surrounding whitespace; blank text clears the field.
    mutating func text(_ key: String, maxLength: Int) -> FieldUpdate<String> {
        let update = read(key) { value in Self.text(value, maxLength: maxLength) }
        if case .set(let text) = update, text.isEmpty { return .cleared }
        return update
    }

    /// Text that must be present and not blank.
    mutating func requiredText(_ key: String, maxLength: Int) -> String? {
        let known = errors.count
        switch text(key, maxLength: maxLength) {
        case .set(let text): return text
        case .cleared: fail(key, "must not be blank")
        case .unchanged where errors.count == known: fail(key, "is required")
        case .unchanged: break
        }
        return nil
    }

    mutating func uuid(_ key: String) -> FieldUpdate<UUID> {
        read(key) { value -> Result<UUID, Refusal> in
            guard case .string(let text) = value, let id = UUID(uuidString: text) else {
                return .failure(Refusal(reason: "must be a UUID"))
            }
            return .success(id)
        }
    }

    /// A calendar day written `YYYY-MM-DD` that exists (no 2025-02-30).
    mutating func day(_ key: String) -> FieldUpdate<CalendarDate> {
        read(key) { value -> Result<CalendarDate, Refusal> in
            guard case .string(let text) = value, let day = CalendarDate(text) else {
                return .failure(Refusal(reason: "must be a real date written YYYY-MM-DD"))
            }
            return .success(day)
        }
    }

    /// One of `allowed`; `null` is refused too, a status is never cleared.
    mutating func status(_ key: String, allowed: [ApplicationStatus]) -> ApplicationStatus? {
        let reason = "must be one of " + allowed.map(\.rawValue).joined(separator: ", ")
        let update = read(key) { value -> Result<ApplicationStatus, Refusal> in
            guard case .string(let text) = value, let status = ApplicationStatus(rawValue: text),
                allowed.contains(status)
            else { return .failure(Refusal(reason: reason)) }
            return .success(status)
        }
        if case .cleared = update { fail(key, reason) }
        return update.value
    }

    /// An absolute http(s) URL.
    mutating func webURL(_ key: String, maxLength: Int) -> FieldUpdate<String> {
        read(key) { value in
            Self.text(value, maxLength: maxLength).flatMap { text -> Result<String, Refusal> in
                guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
                    scheme == "https" || scheme == "http", url.host?.isEmpty == false
                else { return .failure(Refusal(reason: "must be an http or https URL")) }
                return .success(text)
            }
        }
    }

    /// A list of non-blank texts.
    mutating func textList(_ key: String, maxItems: Int, maxLength: Int) -> FieldUpdate<[String]> {
        read(key) { value -> Result<[String], Refusal> in
            guard case .array(let items) = value, items.count <= maxItems else {
                return .failure(Refusal(reason: "must be a list of at most \(maxItems) texts"))
            }
            var texts: [String] = []
            for item in items {
                switch Self.text(item, maxLength: maxLength) {
                case .success(let text) where !text.isEmpty: texts.append(text)
                case .success: return .failure(Refusal(reason: "must not contain blank texts"))
                case .failure(let refusal): return .failure(refusal)
                }
            }
            return .success(texts)
        }
    }

    /// A nested object's value, for a reader of its own.
    func value(_ key: String) -> JSONValue? { members[key] }

    static func text(_ value: JSONValue, maxLength: Int) -> Result<String, Refusal> {
        guard case .string(let text) = value else { return .failure(Refusal(reason: "must be a string")) }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count <= maxLength else {
            return .failure(Refusal(reason: "must be at most \(maxLength) characters"))
        }
        return .success(trimmed)
    }
}
