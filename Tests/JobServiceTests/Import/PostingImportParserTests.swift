import Contracts
import Foundation
import HTTPTypes
import ServiceKit
import Testing

@testable import JobService

/// Reading import bodies and checking rows, without a database.
@Suite struct PostingImportParserTests {
    @Test(arguments: [
        ("application/json", PostingImportParser.Format.json), ("application/json; charset=utf-8", .json),
        ("Application/JSON", .json), ("application/vnd.postings+json", .json), ("text/csv", .csv),
        ("text/csv; charset=utf-8; header=present", .csv), ("application/csv", .csv),
    ])
    func recognisesJSONAndCSVMediaTypes(contentType: String, format: PostingImportParser.Format) {
        #expect(PostingImportParser.Format(contentType: contentType) == format)
    }

    @Test(arguments: [nil, "text/plain", "multipart/form-data; boundary=x", "application/xml", ""])
    func refusesOtherMediaTypes(contentType: String?) {
        #expect(PostingImportParser.Format(contentType: contentType) == nil)
    }

    @Test func csvRowsAreNumberedByTheLineTheyStartOnAfterLeadingBlankLines() throws {
        let csv = "\n\nExternalID , title,company,tags\nx-1,\"Two\nlines\",Acme Fictional,a; b\n\nx-2,T,C,\n"
        let parsed = try PostingImportParser.parse(Array(csv.utf8), format: .csv)
        #expect(parsed.rejected == [])
        #expect(parsed.rows.map(\.number) == [4, 7])
        #expect(parsed.rows[0][.externalId] == .string("x-1"))
        #expect(parsed.rows[0][.title] == .string("Two\nlines"))
        #expect(parsed.rows[0][.tags] == .string("a; b"))
        // An empty cell is no value at all.
        #expect(parsed.rows[1][.tags] == nil)
    }

    @Test func aJSONRowNumberIsItsIndexAndKeysIgnoreCase() throws {
        let json = #"[{"EXTERNALID": "1", "title": null}, 5, {"externalId": "2"}]"#
        let parsed = try PostingImportParser.parse(Array(json.utf8), format: .json)
        #expect(parsed.rows.map(\.number) == [0, 2])
        #expect(parsed.rows[0][.externalId] == .string("1"))
        #expect(parsed.rows[0][.title] == nil)
        #expect(parsed.rejected == [.init(row: 1, field: nil, reason: "is not a JSON object")])
        #expect(parsed.received == 3)
    }

    @Test func csvHeaderWithoutTheRequiredColumnsNamesThem() {
        do {
            _ = try PostingImportParser.parse(Array("title,location\nA,B\n".utf8), format: .csv)
            Issue.record("expected the header to be refused")
        } catch let error as ServiceError {
            #expect(error.status == .badRequest)
            #expect(error.detail?.hasSuffix("missing: externalId, company") == true)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    static func row(_ values: [String: JSONValue]) -> PostingImportRow {
        PostingImportRow(
            number: 3,
            values: ["externalId": "e-1", "title": "Engineer", "company": "Acme Fictional"]
                .mapValues(JSONValue.string).merging(values) { $1 })
    }

    @Test func aValidRowBecomesADraftWithCanonicalHints() throws {
        let outcome = PostingImportValidator.validate(
            Self.row([
                "workplace": .string("On-Site"), "employmentType": .string("part time"),
                "salaryMin": .string(" 42.5 "), "salaryCurrency": .string("£"), "salaryPeriod": .string("hourly"),
                "postedAt": .string("2025-05-01T09:30:00+02:00"), "tags": .array([.string(" a "), .string("")]),
                "source": .string("Partner"),
            ]))
        #expect(outcome.problems == [])
        let draft = try #require(outcome.draft)
        #expect(draft.source == "partner" && draft.externalId == "e-1" && !draft.sample)
        #expect(draft.workplaceHint == "onsite" && draft.employmentTypeHint == "part_time")
        #expect(draft.salary == PostingDraft.SalaryHint(min: 42.5, currency: "GBP", period: "hourly"))
        #expect(draft.postedAt == Date(timeIntervalSince1970: 1_746_084_600))
        #expect(draft.tags == ["a"])
    }

    @Test func wrongTypesAreReportedPerField() {
        let outcome = PostingImportValidator.validate(
            Self.row([
                "title": .number(5), "locations": .array([.number(1)]), "salaryMax": .bool(true),
                "salaryMin": .number(-3), "salaryCurrency": .string("doubloons"), "salaryPeriod": .string("eon"),
            ]))
        #expect(outcome.draft == nil)
        #expect(
            outcome.problems.map { [$0.field ?? "", $0.reason] } == [
                ["title", "must be a string"],
                ["locations", "must be an array of strings or one string separated by \";\""],
                ["salaryMin", "must be greater than 0"],
                ["salaryMax", "is not a number"],
                ["salaryCurrency", "is \"doubloons\"; expected an ISO 4217 code such as USD, EUR or GBP"],
                ["salaryPeriod", "is \"eon\"; expected year, month, week, day or hour"],
            ])
        #expect(outcome.problems.allSatisfy { $0.row == 3 })
    }

    @Test func normaliserRejectionsAreMatchedToTheirRowsInOrder() {
        let drafts = [
            (row: 2, draft: PostingDraft(source: "import", externalId: "same", title: "T", company: "C")),
            (row: 5, draft: PostingDraft(source: "other", externalId: "same", title: "T", company: "C")),
            (row: 9, draft: PostingDraft(source: "import", externalId: "b", title: "T", company: "C")),
        ]
        let rejected = [
            RejectedRow(reference: "same (T)", reason: "applyUrl: is not an absolute http or https URL"),
            RejectedRow(reference: "same (T)", reason: "descriptionHtml: is odd"),
            RejectedRow(reference: "b (T)", reason: "something else entirely"),
        ]
        #expect(
            PostingImporter.rejections(rejected, of: drafts) == [
                .init(row: 2, field: "applyUrl", reason: "is not an absolute http or https URL"),
                .init(row: 5, field: "description", reason: "is odd"),
                .init(row: 9, field: nil, reason: "something else entirely"),
            ])
    }
}
