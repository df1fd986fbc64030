import Foundation

/// One opening as a test describes it; each fake board writes it in its own
/// wire format, carrying what that format carries. Words (workplace, employment
/// type, salary interval) are given in the board's own vocabulary, as a test of
/// that board would expect to see them ("FullTime" for Ashby, "Full-time" for Lever).
public struct FakeJobPosting: Sendable, Equatable {
    public struct Salary: Sendable, Equatable {
        public var min: Double?
        public var max: Double?
        public var currency: String
        /// As the board writes it: "per-year-salary" (Lever), "1 YEAR" (Ashby), "PA" (USAJobs).
        public var interval: String
        /// The board's summary text, where it has one ("$120K – $150K").
        public var summary: String?
        /// Adzuna's estimate rather than the employer's figure.
        public var predicted: Bool

        public init(
            min: Double?, max: Double?, currency: String = "USD", interval: String = "year", summary: String? = nil,
            predicted: Bool = false
        ) {
            self.min = min
            self.max = max
            self.currency = currency
            self.interval = interval
            self.summary = summary
            self.predicted = predicted
        }
    }

    /// A titled list: Lever's `lists` ("Requirements"), USAJobs' major duties.
    public struct Section: Sendable, Equatable {
        public var title: String
        /// Plain-text items.
        public var items: [String]

        public init(_ title: String, _ items: [String]) {
            self.title = title
            self.items = items
        }
    }

    /// Numeric text ("100042"), so boards with numeric ids can use it as is.
    public var id: String
    public var title: String
    /// Nil where the board names no company per posting.
    public var company: String?
    public var locations: [String]
    public var remote: Bool?
    public var workplaceType: String?
    public var department: String?
    public var team: String?
    public var employmentType: String?
    /// Real HTML; a board that escapes it (Greenhouse) escapes it on the wire.
    public var descriptionHtml: String
    public var sections: [Section]
    /// Lever's closing `additional`; USAJobs' qualification summary.
    public var closingHtml: String?
    public var tags: [String]
    public var salary: Salary?
    public var postedAt: Date
    public var updatedAt: Date
    /// Ashby's `isListed`.
    public var listed: Bool

    public init(
        id: String, title: String, company: String? = nil, locations: [String] = ["Berlin, Germany"],
        remote: Bool? = nil, workplaceType: String? = nil, department: String? = nil, team: String? = nil,
        employmentType: String? = nil, descriptionHtml: String = "<p>Build things.</p>", sections: [Section] = [],
        closingHtml: String? = nil, tags: [String] = [], salary: Salary? = nil,
        postedAt: Date = Date(timeIntervalSince1970: 1_767_225_600), updatedAt: Date? = nil, listed: Bool = true
    ) {
        self.id = id
        self.title = title
        self.company = company
        self.locations = locations
        self.remote = remote
        self.workplaceType = workplaceType
        self.department = department
        self.team = team
        self.employmentType = employmentType
        self.descriptionHtml = descriptionHtml
        self.sections = sections
        self.closingHtml = closingHtml
        self.tags = tags
        self.salary = salary
        self.postedAt = postedAt
        self.updatedAt = updatedAt ?? postedAt
        self.listed = listed
    }

    /// `count` plain postings with ids `firstId`, `firstId + 1`, ... and titles
    /// "\(title) \(n)", posted an hour apart.
    public static func numbered(
        _ count: Int, firstId: Int = 100_001, title: String = "Software Engineer", company: String? = nil
    ) -> [FakeJobPosting] {
        (0..<count).map { index in
            FakeJobPosting(
                id: String(firstId + index), title: "\(title) \(index + 1)", company: company,
                descriptionHtml: "<p>Opening number \(index + 1).</p>",
                postedAt: Date(timeIntervalSince1970: 1_767_225_600 - Double(index) * 3600))
        }
    }

    /// The id as a number, for boards whose ids are numbers.
    var numericId: Int { Int(id) ?? FakeBoardJSON.stableNumber(id) % 1_000_000_000 }

    /// A URL-safe slug of `text`.
    static func slug(_ text: String) -> String {
        let lowered = text.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
        return String(lowered).split(separator: "-").joined(separator: "-")
    }
}

/// One element of a fake board's list: a posting, or raw JSON text for a row
/// the board got wrong (`{"id": 7, "title": 42}`, `"oops"`).
public enum FakeBoardRow: Sendable, Equatable {
    case posting(FakeJobPosting)
    case raw(String)
}
