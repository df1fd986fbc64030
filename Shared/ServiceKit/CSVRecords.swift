/// The records of a CSV file, RFC 4180 plus what exports (LinkedIn's) and
/// spreadsheets actually write: a UTF-8 (or UTF-16) byte-order mark, CR LF, LF or CR line
/// ends, quoted fields holding commas, doubled quotes and line breaks.
///
/// Our own parser rather than SwiftCSV 0.10.0: SwiftCSV throws for the whole
/// file on one stray quote, keeps the BOM in the first header name, drops a
/// trailing empty field at the end of the input (so a good last row looks one
/// column short) and does not say on which line a record starts, which the
/// per-row skip reasons need. Shared by profile-service's LinkedIn import and
/// job-service's posting import. This one never throws: a quote left open swallows
/// the rest of the file, and that is reported with the line it opened on.
public struct CSVRecords: Sendable {
    public struct Record: Sendable, Equatable {
        public var fields: [String]
        /// The physical line (1-based) the record starts on.
        public var line: Int

        public init(fields: [String], line: Int) {
            self.fields = fields
            self.line = line
        }

        /// A line with nothing on it (or only separators).
        public var isBlank: Bool { fields.allSatisfy { $0.allSatisfy(\.isWhitespace) } }
    }

    public private(set) var records: [Record] = []
    /// The line a quoted field opened on and never closed, when one did.
    public private(set) var unterminatedQuoteLine: Int?

    public init(_ bytes: [UInt8]) {
        let text = Self.utf8(bytes)
        let quote = UInt8(ascii: "\"")
        let comma = UInt8(ascii: ",")
        let cr = UInt8(ascii: "\r")
        let lf = UInt8(ascii: "\n")
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var index = text.startIndex

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            quoted = false
        }

        while index < text.endIndex {
            let byte = text[index]
            index += 1
            if inQuotes {
                if byte == quote {
                    if index < text.endIndex, text[index] == quote {
                        field.append(quote)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                    continue
                }
                // Line breaks inside a quoted field are kept as a plain "\n".
                if byte == cr {
                    if index < text.endIndex, text[index] == lf { index += 1 }
                    field.append(lf)
                    line += 1
                } else {
                    if byte == lf { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case quote where field.isEmpty && !quoted:
                inQuotes = true
                quoted = true
            case comma:
                endField()
            case cr, lf:
                if byte == cr, index < text.endIndex, text[index] == lf { index += 1 }
                endField()
                records.append(Record(fields: fields, line: recordLine))
                fields.removeAll()
                line += 1
                recordLine = line
            default:
                // A quote inside an unquoted field, or after a closing quote, is
                // taken as a character: lenient, and what spreadsheets do.
                field.append(byte)
            }
        }
        if inQuotes {
            unterminatedQuoteLine = recordLine
        } else if !fields.isEmpty || !field.isEmpty || quoted {
            endField()
            records.append(Record(fields: fields, line: recordLine))
        }
    }

    /// The bytes as UTF-8 without a byte-order mark. LinkedIn writes UTF-8 with
    /// a BOM; a file re-saved by a spreadsheet may be UTF-16 with one.
    public static func utf8(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return bytes.dropFirst(3) }
        let littleEndian = bytes.starts(with: [0xFF, 0xFE])
        guard littleEndian || bytes.starts(with: [0xFE, 0xFF]) else { return bytes[...] }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = 2
        while index + 1 < bytes.count {
            let first = UInt16(bytes[index])
            let second = UInt16(bytes[index + 1])
            units.append(littleEndian ? first | second << 8 : first << 8 | second)
            index += 2
        }
        return ArraySlice(String(decoding: units, as: UTF16.self).utf8)
    }
}
