import Foundation
import Testing

@testable import ServiceKit

/// Strings written by hand are byte for byte what `JSONEncoder` writes, for
/// every ASCII character and beyond it.
@Suite struct JSONStringTests {
    @Test func everyCharacterIsWrittenAsTheEncoderWritesIt() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let texts =
            (0...0x7F).map { String(UnicodeScalar(UInt8($0))) } + [
                "", "plain", "é ✓ 🚀 \u{2028}\u{2029} \u{FEFF}", "a\"b\\c/d\u{7F}",
                String(repeating: "\u{01}x", count: 3),
            ]
        for text in texts {
            var written: [UInt8] = []
            JSONString.append(text, to: &written)
            let expected = try encoder.encode(text)
            #expect(
                String(decoding: written, as: UTF8.self) == String(decoding: expected, as: UTF8.self),
                "\(text.unicodeScalars.map { $0.value })")
        }
    }
}
