/// Bounds on what a user may write into an application, so one request cannot
/// store megabytes of text.
enum ApplicationLimits {
    static let note = 5000
    static let title = 300
    static let company = 200
    static let url = 2048
    static let locations = 20
    static let location = 200
    static let description = 20_000
    static let employmentTypes = ["full_time", "part_time", "contract", "temporary", "internship"]
}
