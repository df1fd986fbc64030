/// `POST /jobs/import`'s answer: how many rows came in, what saving them
/// changed, and every problem with the rows that were not imported.
struct PostingImportReport: Codable, Sendable, Equatable {
    /// One problem with one row.
    struct Rejection: Codable, Sendable, Equatable {
        /// CSV: the line the record starts on (the header is line 1). JSON: the
        /// element's index in the array (from 0). -1 only if the ingestor
        /// rejected a draft it can't be matched back to, which it never should.
        var row: Int
        /// The import field at fault, when one is.
        var field: String?
        var reason: String
    }

    var received = 0
    var created = 0
    var updated = 0
    var unchanged = 0
    /// Sorted by row; a row with several problems appears once per problem.
    var rejected: [Rejection] = []
}
