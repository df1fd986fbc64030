/// The fields of an imported posting, named as JSON keys and CSV header cells.
enum PostingImportField: String, CaseIterable, Sendable {
    case externalId
    case title
    case company
    case locations
    case workplace
    case employmentType
    case salaryMin
    case salaryMax
    case salaryCurrency
    case salaryPeriod
    case description
    case tags
    case postedAt
    case applyUrl
    case source

    /// Columns a CSV import must have; a file without them is not an import.
    static let requiredColumns: [PostingImportField] = [.externalId, .title, .company]

    /// The field a `PostingDraft` field's value came from, for reporting a
    /// normaliser rejection ("applyUrl", "descriptionHtml") against the row.
    init?(draftField: String) {
        switch draftField {
        case "descriptionHtml": self = .description
        case "workplaceHint", "remote": self = .workplace
        case "employmentTypeHint": self = .employmentType
        default: self.init(rawValue: draftField)
        }
    }
}
