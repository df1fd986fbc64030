import Foundation

/// Request URLs from a configured base URL, path segments and query items, each
/// percent-encoded on its own: a board token or search words can never change
/// the path or add a parameter.
enum BoardURL {
    static func make(_ baseURL: String, path: [String], query: [(name: String, value: String)] = []) -> String {
        var url = baseURL.trimmingCharacters(in: .whitespaces)
        while url.hasSuffix("/") { url.removeLast() }
        for segment in path { url += "/" + encode(segment) }
        if !query.isEmpty {
            url += "?" + query.map { encode($0.name) + "=" + encode($0.value) }.joined(separator: "&")
        }
        return url
    }

    /// RFC 3986 unreserved characters stay; every other byte is `%XX`.
    static func encode(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                output +=
                    "%" + String(byte >> 4, radix: 16, uppercase: true)
                    + String(byte & 0x0F, radix: 16, uppercase: true)
            }
        }
        return output
    }
}
