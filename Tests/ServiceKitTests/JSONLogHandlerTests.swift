import Foundation
import Logging
import Testing

@testable import ServiceKit

/// Log lines are one JSON object each, keys sorted, any text escaped so it
/// reads back as written, and the handler's own fields never overwritten.
@Suite struct JSONLogHandlerTests {
    static func event(
        _ level: Logger.Level, _ message: String, _ metadata: Logger.Metadata? = nil
    ) -> LogEvent {
        LogEvent(
            level: level, message: "\(message)", metadata: metadata, source: "ServiceKit", file: "Sources/File.swift",
            function: "run()", line: 42)
    }

    static func object(_ line: [UInt8]) throws -> [String: Any] {
        #expect(line.last == UInt8(ascii: "\n"))
        #expect(line.dropLast().contains(UInt8(ascii: "\n")) == false)
        return try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
    }

    @Test func aLineIsOneObjectWithSortedKeysAndTheHandlersFieldsFirstInRank() throws {
        var handler = JSONLogHandler(label: "job-service", service: "job-service", level: .info)
        handler[metadataKey: "request_id"] = "r-1"
        let date = Date(timeIntervalSince1970: 1_795_794_263.128)
        let line = handler.line(
            event: Self.event(
                .info, "request",
                ["status": .stringConvertible(200), "msg": "not the message", "path": "/jobs/a"]),
            now: date)
        let text = String(decoding: line, as: UTF8.self)
        #expect(
            text == #"{"level":"info","logger":"job-service","msg":"request","path":"/jobs/a","#
                + #""request_id":"r-1","service":"job-service","status":"200","ts":"2026-11-27T15:44:23.128Z"}"#
                + "\n")
    }

    @Test func anyTextReadsBackAsWritten() throws {
        let handler = JSONLogHandler(label: "test", service: "gateway", level: .trace)
        let awkward = "quote \" backslash \\ slash / newline \n tab \t return \r bell \u{07} nul \u{00} é ✓ 🚀"
        let line = handler.line(
            event: Self.event(
                .warning, awkward,
                [
                    awkward: .string(awkward), "list": .array([.string(awkward), .stringConvertible(3)]),
                    "nested": .dictionary(["b": "2", "a": .array([])]),
                ]),
            now: Date())
        let object = try Self.object(line)
        #expect(object["msg"] as? String == awkward)
        #expect(object[awkward] as? String == awkward)
        #expect(object["list"] as? [String] == [awkward, "3"])
        #expect((object["nested"] as? [String: Any])?["b"] as? String == "2")
        #expect(String(decoding: line, as: UTF8.self).contains(#"{"a":[],"b":"2"}"#))
        #expect(object["source"] == nil)
    }

    @Test func errorsSayWhereTheyWereLogged() throws {
        let handler = JSONLogHandler(label: "test", service: "gateway", level: .trace)
        let object = try Self.object(handler.line(event: Self.event(.error, "failed"), now: Date()))
        #expect(object["source"] as? String == "Sources/File.swift:42")
        #expect(object["level"] as? String == "error")
    }

    @Test(arguments: [
        (1_795_794_263.128, "2026-11-27T15:44:23.128Z"), (0, "1970-01-01T00:00:00.000Z"),
        (-0.5, "1969-12-31T23:59:59.500Z"), (951_782_400.999, "2000-02-29T00:00:00.999Z"),
    ])
    func timestampsAreUTCWithMilliseconds(seconds: Double, expected: String) {
        #expect(JSONLogHandler.timestamp(Date(timeIntervalSince1970: seconds)) == expected)
    }
}
