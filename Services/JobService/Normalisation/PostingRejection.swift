/// Why a draft can't become a posting: the field at fault and a reason a person
/// reading an ingestion report or an import's skipped rows can act on.
struct PostingRejection: Error, Sendable, Equatable, CustomStringConvertible {
    /// The `PostingDraft` field, as named in the draft ("title", "applyUrl").
    var field: String
    var reason: String

    init(_ field: String, _ reason: String) {
        self.field = field
        self.reason = reason
    }

    var description: String { "\(field): \(reason)" }
}
