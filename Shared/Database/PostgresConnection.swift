import CLibPQ
import ConnectionPool
import Foundation

/// One libpq connection. Every method blocks, so only the pool calls them, on its
/// reserved threads, and only the task holding the lease at a time (hence
/// `@unchecked Sendable`: exclusive access is the pool's invariant, not the compiler's).
final class PostgresConnection: PooledConnection, @unchecked Sendable {
    private let handle: OpaquePointer
    let id: Int

    /// Opens a connection; `parameters` are libpq keywords, the first being `dbname`
    /// holding the URL, which later keywords override.
    init(id: Int, parameters: [(String, String)]) throws {
        let keywords = parameters.map { strdup($0.0) }
        let values = parameters.map { strdup($0.1) }
        defer {
            keywords.forEach { free($0) }
            values.forEach { free($0) }
        }
        let keywordPointers = keywords.map { UnsafePointer($0) } + [nil]
        let valuePointers = values.map { UnsafePointer($0) } + [nil]
        guard let handle = PQconnectdbParams(keywordPointers, valuePointers, 1) else {
            throw DatabaseError(.connectionFailed, "libpq could not allocate a connection")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = PostgresConnection.errorMessage(handle)
            PQfinish(handle)
            throw DatabaseError(.connectionFailed, message)
        }
        self.handle = handle
        self.id = id
    }

    deinit { PQfinish(handle) }

    /// True when the connection can take a statement. An idle connection gets no
    /// unsolicited data from the server (we use no LISTEN) except its goodbye:
    /// a readable socket means it was closed (restart, admin kill), so no round trip
    /// is needed to find a dead connection.
    var isUsable: Bool {
        PQstatus(handle) == CONNECTION_OK && PQtransactionStatus(handle) == PQTRANS_IDLE
            && cg_pq_socket_readable(handle) == 0
    }

    var isBroken: Bool { PQstatus(handle) != CONNECTION_OK }

    /// Runs one statement with its parameters sent separately, text format both ways.
    func execute(_ text: String, binds: [any PostgresEncodable]) throws -> DatabaseRows {
        let types = binds.map { type(of: $0).postgresType.rawValue }
        let cValues: [UnsafeMutablePointer<CChar>?] = binds.map { bind in bind.postgresText.map { strdup($0) } }
        defer { cValues.forEach { free($0) } }
        let result = cValues.map { UnsafePointer($0) }.withUnsafeBufferPointer { valuesBuffer in
            types.withUnsafeBufferPointer { typesBuffer in
                PQexecParams(
                    handle, text, Int32(binds.count), typesBuffer.baseAddress, valuesBuffer.baseAddress, nil, nil, 0)
            }
        }
        return try consume(result)
    }

    /// Runs trusted SQL that may hold several statements (migration files).
    /// Never give it user input: it has no parameters.
    func executeScript(_ sql: String) throws {
        _ = try consume(PQexec(handle, sql))
    }

    private func consume(_ result: OpaquePointer?) throws -> DatabaseRows {
        guard let result else {
            throw DatabaseError(isBroken ? .connectionLost : .serverError, PostgresConnection.errorMessage(handle))
        }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK || status == PGRES_EMPTY_QUERY else {
            throw error(from: result)
        }
        let columnCount = Int(PQnfields(result))
        let rowCount = Int(PQntuples(result))
        var columns: [DatabaseRows.Column] = []
        columns.reserveCapacity(columnCount)
        for column in 0..<columnCount {
            let name = PQfname(result, Int32(column)).map { String(cString: $0) } ?? "?column?"
            columns.append(.init(name: name, type: PostgresType(rawValue: PQftype(result, Int32(column)))))
        }
        var values: [String?] = []
        values.reserveCapacity(rowCount * columnCount)
        for row in 0..<rowCount {
            for column in 0..<columnCount {
                if PQgetisnull(result, Int32(row), Int32(column)) != 0 {
                    values.append(nil)
                } else {
                    let length = Int(PQgetlength(result, Int32(row), Int32(column)))
                    let pointer = PQgetvalue(result, Int32(row), Int32(column))
                    let bytes = UnsafeRawBufferPointer(start: pointer, count: length)
                    values.append(String(decoding: bytes, as: UTF8.self))
                }
            }
        }
        let affected = PQcmdTuples(result).map { Int(String(cString: $0)) ?? 0 } ?? 0
        return DatabaseRows(columns: columns, values: values, affectedRows: affected)
    }

    private func error(from result: OpaquePointer) -> DatabaseError {
        func field(_ code: Character) -> String? {
            PQresultErrorField(result, Int32(code.asciiValue!)).map { String(cString: $0) }
        }
        let sqlState = field("C")
        if isBroken && (sqlState == nil || sqlState?.hasPrefix("08") == true || sqlState == "57P01") {
            return DatabaseError(.connectionLost, PostgresConnection.errorMessage(handle), sqlState: sqlState)
        }
        let message = field("M") ?? PQresultErrorMessage(result).map { String(cString: $0) } ?? "unknown error"
        return DatabaseError(
            .serverError, message, sqlState: sqlState, detail: field("D"), constraint: field("n"))
    }

    private static func errorMessage(_ handle: OpaquePointer) -> String {
        guard let message = PQerrorMessage(handle) else { return "unknown libpq error" }
        return String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
