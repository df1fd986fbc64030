import Database
import Foundation
import TestSupport
import Testing

@Suite("PostgreSQL types round trip")
struct TypeRoundTripTests {
    struct Settings: Codable, Equatable, Sendable {
        var theme: String
        var tags: [String]
        var nested: [String: Int]
    }

    @Test("every supported type survives a round trip, NULL included")
    func everyType() async throws {
        let db = try TestEnvironment.makeDatabase()
        defer { Task { await db.close() } }
        let table = TestEnvironment.uniqueName("types")
        try await db.query(
            """
            CREATE TABLE \(identifier: table) (
                id int8 PRIMARY KEY, t text, i8 int8, i4 int4, b bool, f8 float8, n numeric, u uuid,
                ts timestamptz, d date, j jsonb, ta text[], ia int8[]
            )
            """)
        let uuid = UUID()
        let instant = Date(timeIntervalSince1970: 1_764_177_320.123456)
        let day = CalendarDate(year: 2024, month: 2, day: 29)!
        let settings = Settings(theme: "dark \"mode\"", tags: ["a,b", "{c}"], nested: ["x": 1])
        let large = String(repeating: "Grüße, 世界 👋 ", count: 60_000)
        let texts = ["", "comma,inside", "quote\"inside", "back\\slash", "NULL", "  spaced  ", "ünïcödé ✓"]
        try await db.query(
            """
            INSERT INTO \(identifier: table) VALUES
            (1, \(large), \(Int.max), \(Int32.min), \(true), \(-0.1), \(Decimal(string: "12345678901234567890.123456789")!),
             \(uuid), \(instant), \(day), \(try JSONB(settings)), \(texts), \([1, -2, Int.max]))
            """)
        try await db.query(
            """
            INSERT INTO \(identifier: table) VALUES
            (2, \(String?.none), \(Int?.none), \(Int32?.none), \(Bool?.none), \(Double?.none), \(Decimal?.none),
             \(UUID?.none), \(Date?.none), \(CalendarDate?.none), \(JSONB<Settings>?.none), \([String]?.none),
             \([Int]?.none))
            """)

        let rows = try await db.query("SELECT * FROM \(identifier: table) ORDER BY id")
        #expect(rows.count == 2)
        let row = rows[0]
        #expect(try row.decode(String.self, "t") == large)
        #expect(try row.decode(Int.self, "i8") == Int.max)
        #expect(try row.decode(Int32.self, "i4") == Int32.min)
        #expect(try row.decode(Bool.self, "b") == true)
        #expect(try row.decode(Double.self, "f8") == -0.1)
        #expect(try row.decode(Decimal.self, "n") == Decimal(string: "12345678901234567890.123456789")!)
        #expect(try row.decode(UUID.self, "u") == uuid)
        let readBack = try row.decode(Date.self, "ts")
        #expect(abs(readBack.timeIntervalSince1970 - instant.timeIntervalSince1970) < 0.000_001)
        #expect(try row.decode(CalendarDate.self, "d") == day)
        #expect(try row.decode(JSONB<Settings>.self, "j").value == settings)
        #expect(try row.decode([String].self, "ta") == texts)
        #expect(try row.decode([Int].self, "ia") == [1, -2, Int.max])

        let nulls = rows[1]
        for column in ["t", "i8", "i4", "b", "f8", "n", "u", "ts", "d", "j", "ta", "ia"] {
            #expect(nulls.isNull(column), "column \(column) should be NULL")
        }
        #expect(try nulls.decode(String?.self, "t") == nil)
        #expect(try nulls.decode(Int?.self, "i8") == nil)
        #expect(try nulls.decode([String]?.self, "ta") == nil)
        #expect(throws: DatabaseError.self) { try nulls.decode(String.self, "t") }
        try await db.query("DROP TABLE \(identifier: table)")
    }

    @Test("empty strings stay empty and are not NULL")
    func emptyString() async throws {
        let db = try TestEnvironment.makeDatabase()
        defer { Task { await db.close() } }
        let rows = try await db.query("SELECT \("")::text AS empty, \(String?.none)::text AS missing")
        #expect(try rows[0].decode(String?.self, "empty") == "")
        #expect(try rows[0].decode(String?.self, "missing") == nil)
    }

    @Test("arrays with NULL elements decode into optionals")
    func arrayWithNulls() async throws {
        let db = try TestEnvironment.makeDatabase()
        defer { Task { await db.close() } }
        let rows = try await db.query("SELECT ARRAY['a', NULL, 'b c']::text[] AS values, '{}'::int8[] AS empty")
        #expect(try rows[0].decode([String?].self, "values") == ["a", nil, "b c"])
        #expect(try rows[0].decode([Int].self, "empty") == [])
        #expect(throws: DatabaseError.self) { try rows[0].decode([String].self, "values") }
    }

    @Test("date, timestamp and infinity decode")
    func temporalEdges() async throws {
        let db = try TestEnvironment.makeDatabase()
        defer { Task { await db.close() } }
        let rows = try await db.query(
            """
            SELECT '2020-01-31'::date AS d, '2020-01-31 12:30:00.5'::timestamp AS ts,
                   '2020-01-31 12:30:00+05:30'::timestamptz AS tz, 'infinity'::timestamptz AS inf
            """)
        let row = rows[0]
        #expect(try row.decode(Date.self, "d") == CalendarDate(year: 2020, month: 1, day: 31)!.date)
        #expect(try row.decode(Date.self, "ts").timeIntervalSince1970 == 1_580_473_800.5)
        #expect(try row.decode(Date.self, "tz").timeIntervalSince1970 == 1_580_454_000)
        #expect(try row.decode(Date.self, "inf") == .distantFuture)
    }

    @Test("uuids read in either case; anything but the 8-4-4-4-12 form is refused")
    func uuidText() throws {
        for _ in 0..<100 {
            let id = UUID()
            #expect(try UUID.decode(postgresText: id.uuidString.lowercased()[...], type: .uuid) == id)
            #expect(try UUID.decode(postgresText: id.uuidString[...], type: .uuid) == id)
        }
        for bad in [
            "", "00000000-0000-0000-0000-00000000000", "00000000-0000-0000-0000-0000000000000",
            "000000000-000-0000-0000-000000000000", "0000000g-0000-0000-0000-000000000000",
            "00000000_0000_0000_0000_000000000000", "{00000000-0000-0000-0000-0000000000}",
        ] {
            #expect(throws: (any Error).self) { try UUID.decode(postgresText: bad[...], type: .uuid) }
        }
    }
}
