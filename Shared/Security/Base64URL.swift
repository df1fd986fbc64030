/// RFC 4648 §5 base64url without padding, as JWTs and URL tokens use it.
public enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    private static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(index) }
        return table
    }()

    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        let input = Array(bytes)
        var output = [UInt8]()
        output.reserveCapacity((input.count * 4 + 2) / 3)
        var index = 0
        while index + 3 <= input.count {
            let value = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8 | UInt32(input[index + 2])
            output.append(alphabet[Int(value >> 18 & 63)])
            output.append(alphabet[Int(value >> 12 & 63)])
            output.append(alphabet[Int(value >> 6 & 63)])
            output.append(alphabet[Int(value & 63)])
            index += 3
        }
        let remaining = input.count - index
        if remaining == 1 {
            let value = UInt32(input[index]) << 16
            output.append(alphabet[Int(value >> 18 & 63)])
            output.append(alphabet[Int(value >> 12 & 63)])
        } else if remaining == 2 {
            let value = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8
            output.append(alphabet[Int(value >> 18 & 63)])
            output.append(alphabet[Int(value >> 12 & 63)])
            output.append(alphabet[Int(value >> 6 & 63)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes base64url (padding tolerated); `nil` for any character outside the alphabet.
    public static func decode(_ string: some StringProtocol) -> [UInt8]? {
        var symbols = [UInt8]()
        symbols.reserveCapacity(string.utf8.count)
        for byte in string.utf8 {
            if byte == UInt8(ascii: "=") { continue }
            let value = decodeTable[Int(byte)]
            if value == 0xFF { return nil }
            symbols.append(value)
        }
        if symbols.count % 4 == 1 { return nil }
        var output = [UInt8]()
        output.reserveCapacity(symbols.count * 3 / 4)
        var index = 0
        while index + 4 <= symbols.count {
            let value =
                UInt32(symbols[index]) << 18 | UInt32(symbols[index + 1]) << 12 | UInt32(symbols[index + 2]) << 6
                | UInt32(symbols[index + 3])
            output.append(UInt8(value >> 16 & 0xFF))
            output.append(UInt8(value >> 8 & 0xFF))
            output.append(UInt8(value & 0xFF))
            index += 4
        }
        let remaining = symbols.count - index
        if remaining >= 2 {
            var value = UInt32(symbols[index]) << 18 | UInt32(symbols[index + 1]) << 12
            if remaining == 3 { value |= UInt32(symbols[index + 2]) << 6 }
            output.append(UInt8(value >> 16 & 0xFF))
            if remaining == 3 { output.append(UInt8(value >> 8 & 0xFF)) }
        }
        return output
    }
}
