import Contracts
import Foundation
import Testing

@testable import JobService

@Suite("posting normaliser")
struct PostingNormalizerTests {
    static let day: TimeInterval = 24 * 60 * 60

    @Test("a Greenhouse draft becomes a complete posting")
    func fullPosting() throws {
        let now = NormalisationFixtures.now
        let draft = PostingDraft(
            source: "greenhouse", externalId: " 4012345 ", title: "  Senior   Backend Engineer (Remote)\n",
            company: "Acme, Inc.", locations: ["Remote - US", "remote - us", " ", "New York, NY"],
            employmentTypeHint: "Full-time",
            descriptionHtml: "<h2>About</h2><p>Bookings at scale.</p><h3>Requirements</h3>"
                + "<ul><li>Go and PostgreSQL</li></ul><h3>Nice to have</h3><ul><li>Kafka</li></ul>"
                + "<p>The base salary range for this role is $150,000 - $190,000.</p><script>alert(1)</script>",
            tags: ["Engineering", "Docker"], postedAt: now.addingTimeInterval(-3 * Self.day),
            updatedAt: now.addingTimeInterval(-Self.day),
            applyUrl: " https://boards.greenhouse.io/acme/jobs/4012345 ", attributionUrl: "javascript:alert(1)")

        let posting = try NormalisationFixtures.normalizer().normalize(draft, now: now)

        #expect(
            posting
                == NormalizedPosting(
                    source: "greenhouse", externalId: "4012345", title: "Senior Backend Engineer (Remote)",
                    company: "Acme, Inc.", locations: ["Remote - US", "New York, NY"], workplace: .remote,
                    employmentType: "full_time",
                    salary: Job.Salary(min: 150_000, max: 190_000, currency: "USD", period: "year"),
                    annualSalaryMin: 150_000, annualSalaryMax: 190_000,
                    descriptionText: "About\n\nBookings at scale.\n\nRequirements\n\n• Go and PostgreSQL\n\n"
                        + "Nice to have\n\n• Kafka\n\nThe base salary range for this role is $150,000 - $190,000.",
                    descriptionHtml: "<h3>About</h3><p>Bookings at scale.</p><h3>Requirements</h3>"
                        + "<ul><li>Go and PostgreSQL</li></ul><h3>Nice to have</h3><ul><li>Kafka</li></ul>"
                        + "<p>The base salary range for this role is $150,000 - $190,000.</p>",
                    requiredSkills: ["go", "postgresql"], preferredSkills: ["kafka", "docker"], seniority: "senior",
                    postedAt: now.addingTimeInterval(-3 * Self.day), updatedAt: now.addingTimeInterval(-Self.day),
                    applyUrl: "https://boards.greenhouse.io/acme/jobs/4012345", attributionUrl: nil, sample: false,
                    dedupeKey: "acme|senior backend engineer|remote"))
        #expect(
            try NormalisationFixtures.normalizer().searchText(for: posting)
                == "Go golang go lang go programming PostgreSQL postgres psql postgre pgsql postgre sql "
                + "Apache Kafka kafka kafka streams confluent kafka Docker containers containerization "
                + "docker compose docker-compose dockerfile")
    }

    @Test("the same opening from Greenhouse and Lever gets the same dedupe key")
    func crossBoardDuplicate() throws {
        let normalizer = try NormalisationFixtures.normalizer()
        var greenhouse = NormalisationFixtures.draft(
            title: "Sr. Data Engineer", company: "Globex Corp.", locations: ["Berlin, Germany"])
        greenhouse.descriptionHtml = "<p>Hybrid: 3 days in the office.</p>"
        var lever = NormalisationFixtures.draft(
            source: "lever", externalId: "7f3c", title: "Senior Data Engineer", company: "Globex",
            locations: ["Berlin, Germany", "Munich, Germany"])
        lever.workplaceHint = "hybrid"
        let munich = NormalisationFixtures.draft(
            title: "Senior Data Engineer", company: "Globex", locations: ["Munich, Germany"])

        let first = try normalizer.normalize(greenhouse, now: NormalisationFixtures.now)
        let second = try normalizer.normalize(lever, now: NormalisationFixtures.now)
        let third = try normalizer.normalize(munich, now: NormalisationFixtures.now)
        #expect(first.dedupeKey == "globex|senior data engineer|berlin germany")
        #expect(second.dedupeKey == first.dedupeKey)
        #expect(third.dedupeKey == "globex|senior data engineer|munich germany")
        #expect(first.workplace == .hybrid && second.workplace == .hybrid)
    }

    @Test(
        "drafts that can't be postings are rejected with the field and reason",
        arguments: [
            (NormalisationFixtures.draft(title: "  \n "), "title", "is empty"),
            (NormalisationFixtures.draft(company: "\t"), "company", "is empty"),
            (NormalisationFixtures.draft(externalId: " "), "externalId", "is empty"),
            (NormalisationFixtures.draft(source: ""), "source", "is empty"),
            (
                NormalisationFixtures.draft(title: String(repeating: "x", count: 301)), "title",
                "is 301 characters long; at most 300 are allowed"
            ),
        ] as [(PostingDraft, String, String)])
    func rejections(draft: PostingDraft, field: String, reason: String) throws {
        let normalizer = try NormalisationFixtures.normalizer()
        #expect(throws: PostingRejection(field, reason)) {
            try normalizer.normalize(draft, now: NormalisationFixtures.now)
        }
    }

    @Test(
        "an apply URL must be absolute http(s)",
        arguments: ["javascript:alert(1)", "/apply", "ftp://example.com/job", "https://", "mailto:jobs@acme.example"])
    func badApplyURL(url: String) throws {
        var draft = NormalisationFixtures.draft()
        draft.applyUrl = url
        let normalizer = try NormalisationFixtures.normalizer()
        #expect(throws: PostingRejection("applyUrl", "is not an absolute http or https URL")) {
            try normalizer.normalize(draft, now: NormalisationFixtures.now)
        }
    }

    @Test("a blank apply URL is no apply URL; a bad attribution URL is dropped")
    func optionalURLs() throws {
        var draft = NormalisationFixtures.draft()
        draft.applyUrl = "  "
        draft.attributionUrl = "//remoteok.com/job/1"
        let posting = try NormalisationFixtures.normalizer().normalize(draft, now: NormalisationFixtures.now)
        #expect(posting.applyUrl == nil)
        #expect(posting.attributionUrl == nil)

        draft.attributionUrl = "https://remoteok.com/remote-jobs/123"
        let attributed = try NormalisationFixtures.normalizer().normalize(draft, now: NormalisationFixtures.now)
        #expect(attributed.attributionUrl == "https://remoteok.com/remote-jobs/123")
    }

    @Test("titles, companies and locations are decoded, collapsed, deduplicated and capped")
    func cleansFields() throws {
        var draft = NormalisationFixtures.draft(
            title: "R&amp;D  <b>Engineer</b>", company: " Ben &amp; Jerry&#39;s ",
            locations: ["Berlin", " berlin ", "", "Munich"] + (1...30).map { "City \($0)" })
        draft.tags = [" Python "]
        let posting = try NormalisationFixtures.normalizer().normalize(draft, now: NormalisationFixtures.now)
        #expect(posting.title == "R&D Engineer")
        #expect(posting.company == "Ben & Jerry's")
        #expect(posting.locations == ["Berlin", "Munich"] + (1...18).map { "City \($0)" })
        #expect(posting.preferredSkills == ["python"])
        #expect(posting.descriptionText == "" && posting.descriptionHtml == "")
    }

    @Test("dates far in the future or before 2000 are dropped; a few hours ahead is kept")
    func dates() throws {
        let now = NormalisationFixtures.now
        let normalizer = try NormalisationFixtures.normalizer()
        var draft = NormalisationFixtures.draft()
        draft.postedAt = now.addingTimeInterval(2 * Self.day)
        draft.updatedAt = now.addingTimeInterval(3 * 60 * 60)
        var posting = try normalizer.normalize(draft, now: now)
        #expect(posting.postedAt == nil)
        #expect(posting.updatedAt == now.addingTimeInterval(3 * 60 * 60))

        draft.postedAt = Date(timeIntervalSince1970: 0)
        posting = try normalizer.normalize(draft, now: now)
        #expect(posting.postedAt == nil)
    }

    @Test("type, seniority and sample flag come through")
    func classifications() throws {
        var draft = NormalisationFixtures.draft(title: "Software Engineering Intern", locations: [])
        draft.employmentTypeHint = "FullTime"
        draft.sample = true
        draft.salary = PostingDraft.SalaryHint(min: 25, max: 35, currency: "USD", period: "1 HOUR")
        let posting = try NormalisationFixtures.normalizer().normalize(draft, now: NormalisationFixtures.now)
        #expect(posting.employmentType == "internship")
        #expect(posting.seniority == "intern")
        #expect(posting.sample)
        #expect(posting.salary == Job.Salary(min: 25, max: 35, currency: "USD", period: "hour"))
        #expect(posting.annualSalaryMin == 52_000 && posting.annualSalaryMax == 72_800)
        #expect(posting.workplace == nil)
        #expect(posting.dedupeKey == "acme|software engineering intern|")
    }
}
