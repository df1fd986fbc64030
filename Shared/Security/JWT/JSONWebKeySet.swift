/// A JWK Set (RFC 7517 §5) as providers publish it at their `jwks_uri`.
/// Keys we cannot use (non-RSA, or malformed) are skipped rather than failing the set,
/// so a provider adding an EC key does not lock everyone out.
public struct JSONWebKeySet: Codable, Sendable {
    public var keys: [JSONWebKey]

    public init(keys: [JSONWebKey]) { self.keys = keys }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var list = try container.nestedUnkeyedContainer(forKey: .keys)
        var keys = [JSONWebKey]()
        while !list.isAtEnd {
            if let key = try? list.decode(JSONWebKey.self) {
                keys.append(key)
            } else {
                _ = try list.decode(Skipped.self)
            }
        }
        self.keys = keys
    }

    /// The keys that can verify RS256 signatures: `kty` RSA with `n` and `e`, not
    /// reserved for encryption, and not restricted to another algorithm.
    public var rs256Keys: [JSONWebKey] {
        keys.filter {
            $0.kty == "RSA" && $0.n != nil && $0.e != nil && $0.use ?? "sig" == "sig" && $0.alg ?? "RS256" == "RS256"
        }
    }

    private enum CodingKeys: String, CodingKey {
        case keys
    }

    private struct Skipped: Decodable {
        init(from decoder: any Decoder) throws {}
    }
}

/// One JSON Web Key (RFC 7517 §4); only the members RS256 verification needs.
public struct JSONWebKey: Codable, Sendable, Equatable {
    public var kty: String
    public var kid: String?
    public var use: String?
    public var alg: String?
    /// Base64url big-endian modulus.
    public var n: String?
    /// Base64url big-endian public exponent.
    public var e: String?

    public init(
        kty: String, kid: String? = nil, use: String? = nil, alg: String? = nil, n: String? = nil, e: String? = nil
    ) {
        self.kty = kty
        self.kid = kid
        self.use = use
        self.alg = alg
        self.n = n
        self.e = e
    }
}
