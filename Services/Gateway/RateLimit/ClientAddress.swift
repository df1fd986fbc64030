import HTTPTypes
import Hummingbird
import NIOCore
import ServiceKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 address. IPv4-mapped IPv6 addresses (`::ffff:1.2.3.4`) are
/// read as the IPv4 address they carry, so one client has one spelling.
struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// The address bits, right-aligned (IPv4 uses the low 32).
    let value: UInt128
    let isIPv4: Bool

    var bitWidth: Int { isIPv4 ? 32 : 128 }

    private init(value: UInt128, isIPv4: Bool) {
        self.value = value
        self.isIPv4 = isIPv4
    }

    init(ipv4 value: UInt32) {
        self.init(value: UInt128(value), isIPv4: true)
    }

    init(ipv6 value: UInt128) {
        if value >> 32 == 0xFFFF {
            self.init(ipv4: UInt32(truncatingIfNeeded: value))
        } else {
            self.init(value: value, isIPv4: false)
        }
    }

    /// Dotted-quad IPv4 or textual IPv6 (no brackets, ports or zones).
    init?(_ text: some StringProtocol) {
        guard !text.isEmpty, text.utf8.count <= 45 else { return nil }
        let text = String(text)
        if text.utf8.contains(UInt8(ascii: ":")) {
            var raw = in6_addr()
            guard inet_pton(AF_INET6, text, &raw) == 1 else { return nil }
            let value = withUnsafeBytes(of: &raw) { bytes in
                bytes.reduce(UInt128(0)) { $0 << 8 | UInt128($1) }
            }
            self.init(ipv6: value)
        } else {
            var raw = in_addr()
            guard inet_pton(AF_INET, text, &raw) == 1 else { return nil }
            self.init(ipv4: UInt32(bigEndian: raw.s_addr))
        }
    }

    /// An address as it appears in `X-Forwarded-For`: bare, `1.2.3.4:port`,
    /// `[v6]` or `[v6]:port`.
    init?(forwardedEntry entry: Substring) {
        var text = entry.trimmingSpacesAndTabs
        if text.first == "[" {
            guard let close = text.firstIndex(of: "]") else { return nil }
            let rest = text[text.index(after: close)...]
            guard rest.isEmpty || Self.isPortSuffix(rest) else { return nil }
            text = text[text.index(after: text.startIndex)..<close]
            guard text.contains(":") else { return nil }
        } else if let colon = text.firstIndex(of: ":"), text.lastIndex(of: ":") == colon, text.contains(".") {
            guard Self.isPortSuffix(text[colon...]) else { return nil }
            text = text[..<colon]
        }
        self.init(text)
    }

    /// `:` followed by a port number (0...65535).
    private static func isPortSuffix(_ text: Substring) -> Bool {
        let digits = text.dropFirst()
        guard text.first == ":", (1...5).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let port = Int(digits)
        else { return false }
        return port <= 65_535
    }

    var description: String {
        if isIPv4 {
            let bits = UInt32(truncatingIfNeeded: value)
            return "\(bits >> 24).\(bits >> 16 & 0xFF).\(bits >> 8 & 0xFF).\(bits & 0xFF)"
        }
        var raw = in6_addr()
        withUnsafeMutableBytes(of: &raw) { bytes in
            for index in 0..<16 { bytes[index] = UInt8(truncatingIfNeeded: value >> (8 * (15 - index))) }
        }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_ntop(AF_INET6, &raw, &buffer, socklen_t(buffer.count)) != nil else { return "::" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// A CIDR network: `10.0.0.0/8`, `fd00::/8`; a bare address is a /32 or /128.
struct IPNetwork: Sendable, Hashable, CustomStringConvertible {
    struct ParseError: Error, Sendable, CustomStringConvertible {
        let description: String
    }

    let address: IPAddress
    let prefixLength: Int

    init(_ text: String) throws {
        let text = Substring(text).trimmingSpacesAndTabs
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = IPAddress(parts[0]) else {
            throw ParseError(description: "'\(text)' is not an IPv4 or IPv6 address or CIDR network")
        }
        // An IPv4-mapped IPv6 network (`::ffff:10.0.0.0/104`) is the IPv4 network it maps.
        let mapped = address.isIPv4 && parts[0].contains(":")
        var prefixLength = address.bitWidth
        if parts.count == 2 {
            let maximum = mapped ? 128 : address.bitWidth
            guard parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), let length = Int(parts[1]),
                (0...maximum).contains(length)
            else {
                throw ParseError(description: "'\(text)': the prefix length must be a number in 0...\(maximum)")
            }
            if mapped {
                guard length >= 96 else {
                    throw ParseError(description: "'\(text)': an IPv4-mapped network needs a prefix of 96 or more")
                }
                prefixLength = length - 96
            } else {
                prefixLength = length
            }
        }
        let network = IPNetwork(address: address, prefixLength: prefixLength)
        guard network.address == address else {
            throw ParseError(
                description: "'\(text)' has host bits set; did you mean \(network)?")
        }
        self = network
    }

    /// The network of `prefixLength` leading bits of `address` (host bits cleared).
    init(address: IPAddress, prefixLength: Int) {
        let hostBits = address.bitWidth - prefixLength
        let masked = hostBits >= 128 ? 0 : (address.value >> hostBits) << hostBits
        self.address = address.isIPv4 ? IPAddress(ipv4: UInt32(masked)) : IPAddress(ipv6: masked)
        self.prefixLength = prefixLength
    }

    func contains(_ candidate: IPAddress) -> Bool {
        guard candidate.isIPv4 == address.isIPv4 else { return false }
        let hostBits = address.bitWidth - prefixLength
        return hostBits >= 128 || candidate.value >> hostBits == address.value >> hostBits
    }

    var description: String { "\(address)/\(prefixLength)" }

    /// Reads a comma-separated list of CIDR networks (the `TRUSTED_PROXIES` format).
    /// An empty or blank text is an empty list; an empty entry is an error.
    static func parseList(_ text: String) throws -> [IPNetwork] {
        guard !Substring(text).trimmingSpacesAndTabs.isEmpty else { return [] }
        return try text.split(separator: ",", omittingEmptySubsequences: false).map { entry in
            guard !entry.trimmingSpacesAndTabs.isEmpty else {
                throw ParseError(description: "empty entry in '\(text)' (a stray comma?)")
            }
            return try IPNetwork(String(entry))
        }
    }
}

/// Who is calling, for rate limits: the TCP peer, unless the peer is a trusted
/// proxy, in which case `X-Forwarded-For` is read from the right.
struct ClientAddressResolver: Sendable {
    /// The key of requests whose peer is not an IP address (in-process tests, Unix sockets).
    static let unknown = "unknown"
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    let trustedProxies: [IPNetwork]

    init(trustedProxies: [IPNetwork]) {
        self.trustedProxies = trustedProxies
    }

    func clientAddress(for request: Request, context: ServiceRequestContext) -> String {
        clientAddress(peer: context.remoteAddress, forwardedFor: request.headers[values: Self.forwardedFor])
    }

    /// The standard right-to-left walk: each trusted proxy appended the address it
    /// received from, so going leftwards from the peer, the first address that is
    /// not a trusted proxy is the client. Anything further left was written by the
    /// client and is never believed. If every hop is trusted, the leftmost is taken;
    /// a malformed entry on the way means the chain cannot be followed, and the
    /// peer itself is used.
    func clientAddress(peer: SocketAddress?, forwardedFor: [String]) -> String {
        guard let text = peer?.ipAddress else { return Self.unknown }
        guard let peerAddress = IPAddress(text) else { return text }
        guard isTrusted(peerAddress), !forwardedFor.isEmpty else { return peerAddress.description }
        var leftmost = peerAddress
        for field in forwardedFor.reversed() {
            for entry in field.split(separator: ",", omittingEmptySubsequences: false).reversed() {
                guard let address = IPAddress(forwardedEntry: entry) else { return peerAddress.description }
                guard isTrusted(address) else { return address.description }
                leftmost = address
            }
        }
        return leftmost.description
    }

    func isTrusted(_ address: IPAddress) -> Bool {
        trustedProxies.contains { $0.contains(address) }
    }
}

extension Substring {
    fileprivate var trimmingSpacesAndTabs: Substring {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}
