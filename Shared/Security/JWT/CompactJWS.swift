import Foundation

/// A compact JWS split and decoded, with nothing in it trusted yet: the header is
/// needed to pick the algorithm and key, the payload only after the signature checks out.
struct CompactJWS {
    /// Tokens are headers and cookies; anything larger is an attack or a bug.
    static let maximumLength = 8 * 1024

    let header: Header
    /// The ASCII bytes of `header.payload`, the input of the signature.
    let signingInput: [UInt8]
    let payload: [UInt8]
    let signature: [UInt8]

    struct Header: Decodable {
        var alg: String?
        var typ: String?
        var kid: String?
        var hasCritical: Bool

        enum CodingKeys: String, CodingKey {
            case alg
            case typ
            case kid
            case crit
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            alg = try container.decodeIfPresent(String.self, forKey: .alg)
            typ = try container.decodeIfPresent(String.self, forKey: .typ)
            kid = try container.decodeIfPresent(String.self, forKey: .kid)
            hasCritical = container.contains(.crit)
        }
    }

    init(_ token: String) throws(JWTError) {
        let bytes = Array(token.utf8)
        guard !bytes.isEmpty, bytes.count <= Self.maximumLength else {
            throw JWTError(.malformed, "token is empty or longer than \(Self.maximumLength) bytes")
        }
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw JWTError(.malformed, "token does not have exactly three parts") }
        guard let headerBytes = Self.decodePart(parts[0]), let payload = Self.decodePart(parts[1]),
            let signature = Self.decodePart(parts[2])
        else { throw JWTError(.malformed, "token part is not canonical unpadded base64url") }
        guard Self.isJSONObject(headerBytes), Self.isJSONObject(payload) else {
            throw JWTError(.malformed, "header or payload is not a JSON object")
        }
        do {
            header = try JSONDecoder().decode(Header.self, from: Data(headerBytes))
        } catch {
            throw JWTError(.malformed, "header is not valid JOSE JSON")
        }
        self.payload = payload
        self.signature = signature
        signingInput = Array(parts[0]) + [UInt8(ascii: ".")] + Array(parts[1])
    }

    /// Rejects anything but canonical unpadded base64url, so one token has exactly one spelling.
    private static func decodePart(_ part: ArraySlice<UInt8>) -> [UInt8]? {
        let text = String(decoding: part, as: UTF8.self)
        guard !part.contains(UInt8(ascii: "=")), let decoded = Base64URL.decode(text) else { return nil }
        guard Base64URL.encode(decoded) == text else { return nil }
        return decoded
    }

    private static func isJSONObject(_ bytes: [UInt8]) -> Bool {
        let whitespace: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]
        return bytes.first(where: { !whitespace.contains($0) }) == UInt8(ascii: "{")
    }

    /// Decodes the (already authenticated) payload; dates are NumericDate seconds.
    func decodePayload<Claims: Decodable>(as type: Claims.Type) throws(JWTError) -> Claims {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        do {
            return try decoder.decode(Claims.self, from: Data(payload))
        } catch DecodingError.keyNotFound(let key, _) {
            throw JWTError(.missingClaim, "claim \(key.stringValue) is missing")
        } catch DecodingError.valueNotFound(_, let context) {
            throw JWTError(
                .missingClaim, "claim \(context.codingPath.map(\.stringValue).joined(separator: ".")) is null")
        } catch {
            throw JWTError(.malformed, "payload does not match the expected claims")
        }
    }
}

/// The registered claims every verifier checks, decoded strictly: a string or boolean
/// where a NumericDate belongs makes the token malformed rather than silently valid.
struct RegisteredClaims: Decodable {
    var exp: Double?
    var nbf: Double?
    var iat: Double?
    var iss: String?
    var aud: Audience?

    init(_ jws: CompactJWS) throws(JWTError) {
        do {
            self = try JSONDecoder().decode(RegisteredClaims.self, from: Data(jws.payload))
        } catch {
            throw JWTError(.malformed, "exp, nbf, iat, iss or aud has the wrong type")
        }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        exp = try container.decodeIfPresent(Double.self, forKey: .exp)
        nbf = try container.decodeIfPresent(Double.self, forKey: .nbf)
        iat = try container.decodeIfPresent(Double.self, forKey: .iat)
        iss = try container.decodeIfPresent(String.self, forKey: .iss)
        aud = try container.decodeIfPresent(Audience.self, forKey: .aud)
    }

    private enum CodingKeys: String, CodingKey {
        case exp
        case nbf
        case iat
        case iss
        case aud
    }

    /// `exp` (required), `nbf` (when present) and `iat` (required) against `now` ± leeway.
    func checkTimes(now: Date, leeway: Duration) throws(JWTError) {
        let skew = JWTExpectations.clamp(leeway).timeInterval
        let current = now.timeIntervalSince1970
        guard let exp else { throw JWTError(.missingClaim, "exp is required") }
        guard current < exp + skew else { throw JWTError(.expired, "token expired at \(exp)") }
        if let nbf, current + skew < nbf { throw JWTError(.notYetValid, "token is not valid before \(nbf)") }
        guard let iat else { throw JWTError(.missingClaim, "iat is required") }
        guard iat <= current + skew else { throw JWTError(.issuedInFuture, "token issued in the future (\(iat))") }
    }

    func checkAudience(_ expected: String) throws(JWTError) {
        guard let aud else { throw JWTError(.missingClaim, "aud is required") }
        guard aud.contains(expected) else { throw JWTError(.wrongAudience, "aud does not contain \(expected)") }
    }

    func checkIssuer(_ expected: String) throws(JWTError) {
        guard let iss else { throw JWTError(.missingClaim, "iss is required") }
        guard iss == expected else { throw JWTError(.wrongIssuer, "iss \(iss) is not \(expected)") }
    }
}

extension Duration {
    var timeInterval: TimeInterval {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
