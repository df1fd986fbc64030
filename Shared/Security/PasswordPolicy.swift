import Foundation

/// Rules a new password must meet, following NIST SP 800-63B: a length range and a
/// block-list of known passwords, no composition rules (they push users to predictable
/// patterns such as "Password1!").
public enum PasswordPolicy {
    public static let minimumCharacters = 8
    public static let maximumCharacters = 128
    /// Over-long input is rejected before hashing (bytes bound: 128 characters × 4 bytes).
    /// Checked first because `utf8.count` is cheap, so a 10 MB password is refused without
    /// scanning it for characters or ever reaching argon2.
    public static let maximumBytes = 512
    /// An e-mail local part shorter than this is too likely to appear by chance to be blocked.
    public static let minimumEmailPartCharacters = 4

    /// Why a password was refused. `description` is a sentence the user can act on.
    public enum Violation: Sendable, Equatable, CustomStringConvertible {
        case tooShort(minimum: Int)
        case tooLong(maximum: Int)
        /// The password is on the shipped list of most common passwords.
        case common
        /// The password equals or contains the local part of the user's e-mail address.
        case containsEmail

        public var description: String {
            switch self {
            case .tooShort(let minimum):
                return "Your password is too short. Use at least \(minimum) characters."
            case .tooLong(let maximum):
                return "Your password is too long. Use at most \(maximum) characters."
            case .common:
                return "This password is one of the most commonly used and is easy to guess. Choose a different one."
            case .containsEmail:
                return "Your password must not contain your e-mail address. Choose a different one."
            }
        }
    }

    /// The first rule `password` breaks, or nil if it is acceptable. `email` is the account's
    /// address, when known, so a password built from it can be refused.
    public static func check(_ password: String, email: String?) -> Violation? {
        // Bytes before characters: counting grapheme clusters walks the whole string.
        guard password.utf8.count <= maximumBytes else { return .tooLong(maximum: maximumCharacters) }
        let characters = password.count
        if characters < minimumCharacters { return .tooShort(minimum: minimumCharacters) }
        if characters > maximumCharacters { return .tooLong(maximum: maximumCharacters) }
        if isCommon(password) { return .common }
        if let email, containsEmailName(password, email: email) { return .containsEmail }
        return nil
    }

    /// Case-insensitive lookup in the shipped list of the 1,000 most common passwords.
    public static func isCommon(_ password: String) -> Bool {
        guard password.utf8.count <= maximumBytes else { return false }
        return commonPasswords.contains(password.lowercased())
    }

    /// How many entries the shipped common-password list holds.
    public static var commonPasswordCount: Int { commonPasswords.count }

    /// Loaded once, on first use. A missing or unreadable list is a packaging bug; failing
    /// loudly beats silently accepting "123456".
    private static let commonPasswords: Set<String> = {
        guard let url = Bundle.module.url(forResource: "common-passwords", withExtension: "txt"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { preconditionFailure("Security resource common-passwords.txt is missing or not UTF-8") }
        var entries = Set<String>()
        for line in text.split(whereSeparator: \.isNewline) {
            let entry = line.trimmingCharacters(in: .whitespaces)
            if entry.isEmpty || entry.hasPrefix("#") { continue }
            entries.insert(entry.lowercased())
        }
        return entries
    }()

    /// Whether `password` contains the part of `email` before the "@" (or before a "+tag"),
    /// case-insensitively, when that part is long enough to be meaningful.
    private static func containsEmailName(_ password: String, email: String) -> Bool {
        guard let at = email.lastIndex(of: "@") else { return false }
        let local = email[..<at].lowercased()
        let untagged = local.split(separator: "+", maxSplits: 1).first.map(String.init) ?? local
        let lowered = password.lowercased()
        return [local, untagged].contains { name in
            name.count >= minimumEmailPartCharacters && lowered.contains(name)
        }
    }
}
