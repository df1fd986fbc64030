/// Names as a sentence says them: "Go", "Go and SQL", "Go, SQL and Docker".
/// One helper for every template the AI service writes (résumé summaries,
/// job-fit and learning explanations), so they read alike.
enum ProseList {
    static func join(_ items: [String]) -> String {
        guard items.count > 1, let last = items.last else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + last
    }
}
