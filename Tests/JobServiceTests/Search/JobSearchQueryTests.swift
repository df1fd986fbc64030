import Contracts
import Foundation
import HTTPTypes
import ServiceKit
import Testing

@testable import JobService

@Suite struct JobSearchQueryTests {
    private func parse(_ parameters: [String: String]) throws -> JobSearchQuery {
        try SearchFixture.query(parameters)
    }

    /// The field errors of a refused query, by pointer.
    private func errors(_ parameters: [String: String]) -> [String: String] {
        do {
            _ = try parse(parameters)
            Issue.record("\(parameters) was accepted")
            return [:]
        } catch let error as ServiceError {
            #expect(error.status == .badRequest)
            return Dictionary(error.fieldErrors.map { ($0.pointer, $0.reason) }) { $0 + "; " + $1 }
        } catch {
            Issue.record("unexpected \(error)")
            return [:]
        }
    }

    @Test func everyParameterIsReadIntoCanonicalForm() throws {
        let query = try parse([
            "q": "  Swift   iOS ", "location": " Berlin ", "workplace": "remote,Hybrid,remote", "type": "contract",
            "salaryMin": "5e4", "postedWithin": "7d", "skills": "Swift, golang ,swift", "company": " ACME Corp ",
            "limit": "10", "unknown": "ignored",
        ])
        #expect(query.text == "swift ios")
        #expect(query.location == "berlin")
        #expect(query.workplaces == [.hybrid, .remote])
        #expect(query.employmentTypes == ["contract"])
        #expect(query.salaryMin == 50_000)
        #expect(query.postedWithinHours == 168)
        #expect(query.skills == ["go", "swift"])
        #expect(query.company == "acme corp")
        #expect(query.limit == 10)
        #expect(query.cursor == nil)
    }

    @Test func defaultsWhenNothingIsGiven() throws {
        let query = try parse([:])
        #expect(query == JobSearchQuery())
        #expect(query.limit == 20)
        let blank = try parse(["q": "   ", "location": "", "company": " "])
        #expect(blank.text == nil && blank.location == nil && blank.company == nil)
    }

    @Test func postedWithinTakesHoursDaysOrPlainDays() throws {
        #expect(try parse(["postedWithin": "24h"]).postedWithinHours == 24)
        #expect(try parse(["postedWithin": "30d"]).postedWithinHours == 720)
        #expect(try parse(["postedWithin": "3"]).postedWithinHours == 72)
        for bad in ["0", "-1d", "1w", "soon", "400d", "h"] {
            #expect(errors(["postedWithin": bad])["/postedWithin"] != nil, "\(bad)")
        }
    }

    @Test func differentSpellingsOfOneSearchShareTheirKeys() throws {
        let first = try parse([
            "q": "Swift iOS", "workplace": "remote,hybrid", "skills": "swift,go", "salaryMin": "50000",
            "postedWithin": "7d",
        ])
        let second = try parse([
            "q": "  swift   ios ", "workplace": "hybrid,remote,remote", "skills": "Golang, Swift",
            "salaryMin": "50000.0", "postedWithin": "168h", "other": "x",
        ])
        #expect(first == second)
        #expect(first.pageHash == second.pageHash)
        #expect(first.fingerprint == second.fingerprint)
        let other = try parse(["q": "swift android"])
        #expect(other.fingerprint != first.fingerprint)
        // The page size is part of the page, not of the search.
        var longer = first
        longer.limit = 40
        #expect(longer.fingerprint == first.fingerprint && longer.pageHash != first.pageHash)
    }

    @Test func eachBadParameterIsNamed() {
        let found = errors([
            "q": String(repeating: "a", count: 201), "workplace": "remote,moon", "type": "gig",
            "salaryMin": "-5", "skills": "swift,basket weaving", "limit": "51", "cursor": "not a cursor",
            "location": String(repeating: "b", count: 201),
        ])
        #expect(
            Set(found.keys) == ["/q", "/workplace", "/type", "/salaryMin", "/skills", "/limit", "/cursor", "/location"])
        #expect(found["/skills"]?.contains("basket weaving") == true)
        #expect(found["/workplace"]?.contains("moon") == true)
        #expect(found["/type"]?.contains("gig") == true)
        #expect(errors(["limit": "0"])["/limit"] != nil)
        #expect(errors(["limit": "ten"])["/limit"] != nil)
        #expect(errors(["salaryMin": "lots"])["/salaryMin"] != nil)
        #expect(errors(["salaryMin": "nan"])["/salaryMin"] != nil)
    }

    @Test func aCursorRoundTripsAndOnlyFitsItsOwnSearch() throws {
        let query = try parse(["q": "swift"])
        let cursor = SearchCursor(
            rank: 0.0607927143573761, sortMicros: 1_741_680_000_123_456, id: UUID(), fingerprint: query.fingerprint)
        #expect(SearchCursor(cursor.text) == cursor)
        #expect(!cursor.text.contains("=") && !cursor.text.contains("+") && !cursor.text.contains("/"))
        let next = try parse(["q": " Swift ", "cursor": cursor.text])
        #expect(next.cursor == cursor)
        #expect(errors(["q": "kotlin", "cursor": cursor.text])["/cursor"] != nil)
        // A ranked cursor does not fit the same filters without a text query.
        let unranked = SearchCursor(rank: nil, sortMicros: 1, id: UUID(), fingerprint: try parse([:]).fingerprint)
        #expect(try parse(["cursor": unranked.text]).cursor == unranked)
        var ranked = unranked
        ranked.rank = 0.5
        #expect(errors(["cursor": ranked.text])["/cursor"] != nil)
    }

    @Test func theQueryStringIsReadAsFormsWriteIt() {
        let parameters = FormParameters.parse("q=swift+ios&skills=c%2B%2B,go&q=second&empty=&flag&bad=100%&&=x")
        #expect(parameters == ["q": "swift ios", "skills": "c++,go", "empty": "", "flag": "", "bad": "100%"])
        #expect(FormParameters.parse(nil).isEmpty)
    }

    @Test func likeWildcardsInALocationAreLiteral() {
        #expect(SearchStatement.likeEscaped("100%_remote\\x") == "100\\%\\_remote\\\\x")
    }

    @Test func listedDescriptionsAreShortenedAtAWordBreak() {
        let short = "A short description."
        #expect(ListingDescription.shortened(short) == short)
        let long = String(repeating: "word ", count: 200)
        let shortened = ListingDescription.shortened(long)
        #expect(shortened.hasSuffix("word…"))
        #expect(shortened.count <= ListingDescription.maximumLength + 1)
        let unbroken = String(repeating: "x", count: 600)
        #expect(ListingDescription.shortened(unbroken).count == ListingDescription.maximumLength + 1)
    }
}
