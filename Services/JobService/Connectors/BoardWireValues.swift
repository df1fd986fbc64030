import Foundation

/// An id boards send as a string or as a number (RemoteOK and Adzuna have sent
/// both over the years).
struct BoardID: Decodable, Sendable, Equatable {
    var value: String

    init(_ value: String) { self.value = value }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        } else if let number = try? container.decode(Int64.self) {
            value = String(number)
        } else if let number = try? container.decode(Double.self), number.isFinite, number == number.rounded() {
            value = String(Int64(number))
        } else {
            throw DecodingError.typeMismatch(
                BoardID.self, .init(codingPath: container.codingPath, debugDescription: "not a string or a number"))
        }
    }
}

/// A number boards send as a JSON number or as text ("58000.0" at USAJobs,
/// "120000.0" in Greenhouse metadata). Text that is no number is nil rather
/// than a reason to reject the whole row.
struct BoardNumber: Decodable, Sendable, Equatable {
    var value: Double?

    init(_ value: Double?) { self.value = value }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            value = number.isFinite ? number : nil
        } else if let text = try? container.decode(String.self) {
            value = Self.parse(text)
        } else {
            throw DecodingError.typeMismatch(
                BoardNumber.self, .init(codingPath: container.codingPath, debugDescription: "not a number"))
        }
    }

    /// "58000.0", "58,000", " 58000 " → 58000.
    static func parse(_ text: String) -> Double? {
        let cleaned = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
        guard let number = Double(cleaned), number.isFinite else { return nil }
        return number
    }
}

/// A flag boards send as `true`, `1` or `"1"` (Adzuna's `salary_is_predicted`).
struct BoardFlag: Decodable, Sendable, Equatable {
    var value: Bool

    init(_ value: Bool) { self.value = value }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            value = flag
        } else if let number = try? container.decode(Double.self) {
            value = number != 0
        } else if let text = try? container.decode(String.self) {
            value = ["1", "true", "yes"].contains(text.trimmingCharacters(in: .whitespaces).lowercased())
        } else {
            throw DecodingError.typeMismatch(
                BoardFlag.self, .init(codingPath: container.codingPath, debugDescription: "not true or false"))
        }
    }
}

/// One string or a list of strings (USAJobs' `MajorDuties` has been both).
struct BoardStrings: Decodable, Sendable, Equatable {
    var values: [String]

    init(_ values: [String]) { self.values = values }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let list = try? container.decode([String].self) {
            values = list
        } else if let text = try? container.decode(String.self) {
            values = [text]
        } else {
            throw DecodingError.typeMismatch(
                BoardStrings.self,
                .init(codingPath: container.codingPath, debugDescription: "not a string or a list of strings"))
        }
    }
}
