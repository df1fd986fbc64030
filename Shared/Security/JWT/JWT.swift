import Foundation

/// Compact JWTs signed with HS256: our access tokens and internal service tokens.
/// Only HS256 is ever accepted here, so a forged header cannot pick a weaker algorithm.
public enum JWT {
    /// Signs `claims` (any Encodable; dates as whole seconds since the epoch) with the
    /// header `{"alg":"HS256","typ":type}`.
    public static func signHS256(_ claims: some Encodable, type: String, key: HS256Key) throws -> String {
        let header = try JSONSerialization.data(
            withJSONObject: ["alg": "HS256", "typ": type], options: [.sortedKeys, .withoutEscapingSlashes])
        let signingInput = Base64URL.encode(header) + "." + Base64URL.encode(try encodeClaims(claims))
        let signature = HMACSHA256.authenticate(Array(signingInput.utf8), key: key.secret)
        return signingInput + "." + Base64URL.encode(signature)
    }

    /// Verifies a token and decodes its payload into `Claims`.
    ///
    /// Order matters: `alg` must be exactly "HS256" (no "none", no other algorithm, no
    /// `crit`), then the signature is checked in constant time, and only then are
    /// `typ`, `exp` (required), `nbf` (if present), `iat` (required), `aud` and `iss` read.
    public static func verifyHS256<Claims: Decodable>(
        _ token: String, as: Claims.Type, key: HS256Key, expecting: JWTExpectations, now: Date = Date()
    ) throws(JWTError) -> Claims {
        let jws = try CompactJWS(token)
        guard jws.header.alg == "HS256" else {
            throw JWTError(.unsupportedAlgorithm, "alg \(jws.header.alg ?? "(missing)") is not HS256")
        }
        guard !jws.header.hasCritical else { throw JWTError(.unsupportedAlgorithm, "crit header is not supported") }
        guard jws.signature.count == HMACSHA256.outputByteCount,
            HMACSHA256.verify(jws.signature, for: jws.signingInput, key: key.secret)
        else { throw JWTError(.badSignature, "signature does not match") }
        guard let typ = jws.header.typ, normalizedType(typ) == normalizedType(expecting.type) else {
            throw JWTError(.wrongType, "typ \(jws.header.typ ?? "(missing)") is not \(expecting.type)")
        }
        let registered = try RegisteredClaims(jws)
        try registered.checkTimes(now: now, leeway: expecting.leeway)
        try registered.checkAudience(expecting.audience)
        if let issuer = expecting.issuer { try registered.checkIssuer(issuer) }
        return try jws.decodePayload(as: Claims.self)
    }

    /// JSON for a payload, with dates as whole NumericDate seconds.
    static func encodeClaims(_ claims: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Int64(date.timeIntervalSince1970.rounded(.down)))
        }
        return try encoder.encode(claims)
    }

    private static func normalizedType(_ type: String) -> String {
        let lower = type.lowercased()
        return lower.hasPrefix("application/") ? String(lower.dropFirst("application/".count)) : lower
    }
}
