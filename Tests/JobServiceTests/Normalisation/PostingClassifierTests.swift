import Contracts
import Testing

@testable import JobService

@Suite("workplace classifier")
struct WorkplaceClassifierTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var remote: Bool? = nil
        var hint: String? = nil
        var locations: [String] = []
        var title = "Software Engineer"
        var description = ""
        var expected: Job.Workplace?

        var testDescription: String {
            "remote=\(remote.map(String.init) ?? "nil") hint=\(hint ?? "nil") locations=\(locations) "
                + "title=\(title) description=\(description.prefix(40)) → \(expected?.rawValue ?? "nil")"
        }
    }

    static let cases: [Case] = [
        Case(hint: "Remote", expected: .remote),
        Case(hint: "Hybrid", expected: .hybrid),
        Case(hint: "OnSite", expected: .onsite),
        Case(hint: "on-site", expected: .onsite),
        Case(hint: "remote", expected: .remote),
        Case(hint: "Remote / Hybrid", expected: .hybrid),
        Case(remote: true, hint: "Hybrid", expected: .hybrid),
        Case(remote: true, locations: ["Berlin"], expected: .remote),
        Case(locations: ["Remote - US"], expected: .remote),
        Case(locations: ["Anywhere"], expected: .remote),
        Case(locations: ["Worldwide"], expected: .remote),
        Case(locations: ["London", "Remote, UK"], expected: .remote),
        Case(locations: ["San Francisco (Hybrid)"], expected: .hybrid),
        Case(title: "Backend Engineer (Remote)", expected: .remote),
        Case(title: "Designer – Hybrid", expected: .hybrid),
        Case(title: "Remote Sensing Scientist", expected: nil),
        Case(description: "We are a remote-first company.", expected: .remote),
        Case(description: "This role is fully remote within the EU.", expected: .remote),
        Case(description: "You'll work 3 days in the office and 2 from home.", expected: .hybrid),
        Case(description: "A remote-first team, but this role is hybrid in Munich.", expected: .hybrid),
        Case(description: "This position is on-site in Austin.", expected: .onsite),
        Case(description: "An in-office role at our HQ.", expected: .onsite),
        Case(description: "This is not a remote position.", expected: .onsite),
        Case(description: "You will build tools for remote monitoring of wind farms.", expected: nil),
        Case(remote: false, description: "Fully remote!", expected: .onsite),
        Case(remote: false, expected: .onsite),
        Case(locations: ["Berlin"], description: "Build great things.", expected: nil),
    ]

    @Test("workplace table", arguments: cases)
    func table(_ row: Case) {
        let workplace = WorkplaceClassifier.classify(
            remote: row.remote, hint: row.hint, locations: row.locations, title: row.title,
            description: row.description)
        #expect(workplace == row.expected)
    }
}

@Suite("employment type classifier")
struct EmploymentTypeClassifierTests {
    @Test(
        "employment type table",
        arguments: [
            ("Full-time", "Engineer", "full_time"), ("FullTime", "Engineer", "full_time"),
            ("full_time", "Engineer", "full_time"), ("Full Time", "Engineer", "full_time"),
            ("Permanent", "Engineer", "full_time"), ("Vollzeit", "Engineer", "full_time"),
            ("Teilzeit", "Engineer", "part_time"), ("Part-time", "Engineer", "part_time"),
            ("PartTime", "Engineer", "part_time"), ("Permanent, Part-time", "Engineer", "part_time"),
            ("Contract", "Engineer", "contract"), ("Contractor", "Engineer", "contract"),
            ("Freelance", "Engineer", "contract"), ("Temporary", "Engineer", "temporary"),
            ("Intern", "Engineer", "internship"), ("Internship", "Engineer", "internship"),
            ("Praktikum", "Engineer", "internship"), ("Werkstudent", "Engineer", "part_time"),
            ("Full-time", "Software Engineering Intern", "internship"),
            ("Full-time", "Designer (Contract)", "contract"), ("Part-time", "Research Intern", "part_time"),
            (nil, "Summer Internship 2025", "internship"), (nil, "Data Analyst - Contract", "contract"),
            (nil, "Contract Manager", nil), (nil, "Internal Tools Engineer", nil), (nil, "Engineer", nil),
            ("Other", "Engineer", nil),
        ] as [(String?, String, String?)])
    func table(hint: String?, title: String, expected: String?) {
        #expect(EmploymentTypeClassifier.classify(hint: hint, title: title) == expected)
    }
}

@Suite("seniority classifier")
struct SeniorityClassifierTests {
    @Test(
        "seniority table",
        arguments: [
            ("Software Engineering Intern", "intern"), ("Werkstudent Backend", "intern"),
            ("Junior Developer", "junior"), ("Jr. Data Analyst", "junior"), ("Graduate Software Engineer", "junior"),
            ("Entry-Level QA Engineer", "junior"), ("Associate Product Manager", "junior"),
            ("Software Engineer I", "junior"), ("Software Engineer II", "mid"), ("Mid-Level Engineer", "mid"),
            ("Software Engineer III", "senior"), ("Senior Backend Engineer", "senior"), ("Sr. iOS Developer", "senior"),
            ("Lead Engineer", "lead"), ("Staff Engineer", "lead"), ("Senior Staff Engineer", "lead"),
            ("Tech Lead, Payments", "lead"), ("Principal Engineer", "principal"),
            ("Distinguished Engineer", "principal"), ("Engineering Manager", "manager"),
            ("Senior Engineering Manager", "manager"), ("Director of Engineering", "director"),
            ("Associate Director, Data", "director"), ("Head of Design", "director"), ("VP Engineering", "director"),
            ("Vice President, Sales", "director"), ("Software Engineer", nil), ("Product Manager", nil),
            ("Senior Product Manager", "senior"), ("", nil),
        ] as [(String, String?)])
    func table(title: String, expected: String?) {
        #expect(SeniorityClassifier.classify(title: title) == expected)
    }
}
