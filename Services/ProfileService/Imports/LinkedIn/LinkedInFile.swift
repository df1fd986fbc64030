/// The files of a LinkedIn data export ("Get a copy of your data") the profile
/// is read from, with the columns each is known to have. The export holds many
/// more (Connections.csv, messages, ads data); those are never opened.
enum LinkedInFile: String, CaseIterable, Sendable {
    case profile = "Profile.csv"
    case emailAddresses = "Email Addresses.csv"
    case positions = "Positions.csv"
    case education = "Education.csv"
    case skills = "Skills.csv"
    case certifications = "Certifications.csv"
    case languages = "Languages.csv"
    case projects = "Projects.csv"

    var name: String { rawValue }

    /// The columns read from the file. Any may be missing; the header is the
    /// first line naming one of them.
    var columns: [String] {
        switch self {
        case .profile:
            // Maiden Name, Address, Birth Date, Zip Code, Industry and Instant Messengers are
            // in the file but not read: a job profile needs none of them, and an
            // address or birth date is personal data we'd rather not hold.
            ["First Name", "Last Name", "Headline", "Summary", "Geo Location", "Twitter Handles", "Websites"]
        case .emailAddresses: ["Email Address", "Confirmed", "Primary"]
        case .positions: ["Company Name", "Title", "Description", "Location", "Started On", "Finished On"]
        case .education: ["School Name", "Start Date", "End Date", "Degree Name"]
        case .skills: ["Name"]
        case .certifications: ["Name", "Url", "Authority", "Started On"]
        case .languages: ["Name", "Proficiency"]
        case .projects: ["Title", "Description", "Url", "Started On", "Finished On"]
        }
    }

    /// Where the file sits in an archive: at the root or in a folder, its name
    /// matched without case; the shallowest match when there are several.
    func path(in paths: [String]) -> String? {
        let wanted = rawValue.lowercased()
        return
            paths
            .filter { path in
                let name = path.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map { $0.lowercased() }
                return name == wanted && !path.hasPrefix("__MACOSX/")
            }
            .min { $0.count(where: { $0 == "/" }) < $1.count(where: { $0 == "/" }) }
    }
}
