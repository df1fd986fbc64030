import Contracts
import Testing

@testable import JobService

@Suite("dedupe key")
struct DedupeKeyTests {
    @Test("the same opening on two boards has one key")
    func sameOpening() {
        let greenhouse = DedupeKey.make(
            company: "Acme, Inc.", title: "Sr. Backend Engineer (Remote)", locations: ["Remote - US"],
            workplace: .remote)
        let lever = DedupeKey.make(
            company: "ACME", title: "Senior Backend Engineer", locations: ["Anywhere"], workplace: .remote)
        #expect(greenhouse == "acme|senior backend engineer|remote")
        #expect(lever == greenhouse)
    }

    @Test("the same title in another city is another opening")
    func differentLocations() {
        let berlin = DedupeKey.make(
            company: "Zalando SE", title: "Data Engineer (m/w/d)", locations: ["Berlin, Germany"], workplace: .onsite)
        let munich = DedupeKey.make(
            company: "Zalando SE", title: "Data Engineer", locations: ["Munich, Germany"], workplace: .onsite)
        #expect(berlin == "zalando|data engineer|berlin germany")
        #expect(munich == "zalando|data engineer|munich germany")
    }

    @Test(
        "companies lose legal suffixes and punctuation",
        arguments: [
            ("Acme, Inc.", "acme"), ("Acme LLC", "acme"), ("Foo Co., Ltd.", "foo"), ("Müller GmbH", "muller"),
            ("Siemens AG", "siemens"), ("Globex Corp.", "globex"), ("Johnson & Johnson", "johnson and johnson"),
            ("Macy's", "macys"), ("  The   Company  ", "the"), ("Inc", "inc"),
        ])
    func companies(raw: String, expected: String) {
        #expect(DedupeKey.normalizedCompany(raw) == expected)
    }

    @Test(
        "titles: Sr./Jr., &, brackets, workplace words and gender markers",
        arguments: [
            ("Sr. Software Engineer", "senior software engineer"), ("Jr. Designer", "junior designer"),
            ("R&D Engineer", "r and d engineer"), ("Backend Engineer (Payments)", "backend engineer payments"),
            ("Frontend Engineer - Hybrid", "frontend engineer"), ("Softwareentwickler (w/m/d)", "softwareentwickler"),
            ("Engineer (all genders)", "engineer"), ("Remote", "remote"), ("F# Developer", "f developer"),
        ])
    func titles(raw: String, expected: String) {
        #expect(DedupeKey.normalizedTitle(raw) == expected)
    }

    @Test("no location and not remote: an empty location part")
    func noLocation() {
        #expect(DedupeKey.make(company: "Acme", title: "Engineer", locations: [], workplace: nil) == "acme|engineer|")
    }
}
