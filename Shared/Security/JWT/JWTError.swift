/// Why a token was refused. A struct with a code (like the other error types here),
/// so adding a reason never breaks callers that switch on the codes they care about.
public struct JWTError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// Not a well-formed compact JWS: size, parts, base64url or JSON.
        case malformed
        /// `alg` is not the one algorithm this verifier accepts, or the header has `crit`.
        case unsupportedAlgorithm
        /// `typ` differs, so a token minted for another purpose cannot be replayed here.
        case wrongType
        /// The signature does not match.
        case badSignature
        /// `exp` has passed (beyond the leeway).
        case expired
        /// `nbf` is still in the future (beyond the leeway).
        case notYetValid
        /// `iat` lies in the future (beyond the leeway).
        case issuedInFuture
        /// `aud` does not name us (or `azp` is not us when there are several audiences).
        case wrongAudience
        /// `iss` is not the expected issuer.
        case wrongIssuer
        /// The ID token's `nonce` is not the one bound to this login.
        case wrongNonce
        /// A required claim is absent.
        case missingClaim
        /// No key in the set matches the token's `kid`.
        case unknownKey
        /// A key is too weak to be used: an HMAC secret under 32 bytes, an RSA modulus under 2048 bits.
        case keyTooShort
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "JWTError(\(code)): \(message)" }
}
