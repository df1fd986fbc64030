import Contracts

/// What one GitHub import found: a JSON Resume fragment (basics, projects and
/// `x-careergini` skills with GitHub evidence) for the aggregation to merge, the
/// counts the import history shows, and what was left out and why.
struct GitHubImport: Sendable {
    var resume: Resume
    /// "repositories" (owned, not forks), "forksSkipped", "archived", "pages",
    /// "languages", "topics", "skills", "languageLookups", "requests", "notModified".
    var counts: [String: Int]
    var warnings: [String]
}
