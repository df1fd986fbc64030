import CArgon2
import Synchronization

/// Password hashing with argon2id (libargon2), stored as PHC strings.
///
/// argon2id is memory-hard, so every guess against a leaked hash costs an attacker
/// the same memory it costs us; the PHC string carries its own salt and parameters,
/// so parameters can be raised later without a migration (see `needsRehash`).
public struct PasswordHasher: Sendable {
    /// Cost parameters of one argon2id computation.
    public struct Parameters: Sendable, Hashable {
        /// Memory per hash in KiB; the main cost against GPU and ASIC attackers.
        public var memoryKiB: UInt32
        /// Passes over the memory.
        public var iterations: UInt32
        /// Lanes (and threads) per hash; 1 keeps one login on one core.
        public var parallelism: UInt32

        public init(memoryKiB: UInt32, iterations: UInt32, parallelism: UInt32) {
            self.memoryKiB = memoryKiB
            self.iterations = iterations
            self.parallelism = parallelism
        }

        /// OWASP Password Storage Cheat Sheet minimum for argon2id: 19 MiB, 2 passes, 1 lane.
        public static let owasp = Parameters(memoryKiB: 19_456, iterations: 2, parallelism: 1)
    }

    /// 16 random bytes: unique per hash, so equal passwords never share a hash
    /// and precomputed tables are useless.
    public static let saltByteCount = 16
    /// 32 bytes of output: 256 bits, well past any collision concern.
    public static let hashByteCount = 32

    /// Ceilings for parameters read from a stored PHC string. `verify` refuses anything above
    /// them rather than letting a corrupt or tampered row make one login allocate gigabytes.
    private static let verifiableMemoryKiB: UInt32 = 1 << 20
    private static let verifiableIterations: UInt32 = 64
    private static let verifiableParallelism: UInt32 = 16
    public let parameters: Parameters

    public init(parameters: Parameters = .owasp) {
        self.parameters = parameters
    }

    /// Hashes `password` (its UTF-8 bytes, never truncated) with a fresh random salt
    /// and returns the PHC string `$argon2id$v=19$m=…,t=…,p=…$<salt>$<hash>`.
    ///
    /// Blocking (tens of ms, 19 MiB): callers run it off the event loop.
    /// Input over `PasswordPolicy.maximumBytes` is refused before any work, so an
    /// over-long password can neither cost us time nor be silently cut short.
    public func hash(_ password: String) throws -> String {
        guard password.utf8.count <= PasswordPolicy.maximumBytes else {
            throw PasswordHashingError(reason: .passwordTooLong(maximumBytes: PasswordPolicy.maximumBytes))
        }
        let salt = SecureRandom.bytes(Self.saltByteCount)
        // Some libargon2 releases count the terminating NUL in `argon2_encodedlen`, others
        // do not; one spare byte makes both correct.
        let encodedLength =
            argon2_encodedlen(
                parameters.iterations, parameters.memoryKiB, parameters.parallelism, UInt32(Self.saltByteCount),
                UInt32(Self.hashByteCount), Argon2_id) + 1
        var encoded = [CChar](repeating: 0, count: encodedLength)
        var input = password
        let status = input.withUTF8 { passwordBuffer in
            salt.withUnsafeBytes { saltBuffer in
                encoded.withUnsafeMutableBufferPointer { encodedBuffer in
                    argon2id_hash_encoded(
                        parameters.iterations, parameters.memoryKiB, parameters.parallelism,
                        passwordBuffer.baseAddress, passwordBuffer.count, saltBuffer.baseAddress, saltBuffer.count,
                        Self.hashByteCount, encodedBuffer.baseAddress, encodedBuffer.count)
                }
            }
        }
        guard status == ARGON2_OK.rawValue else {
            throw PasswordHashingError(reason: .argon2(code: status))
        }
        return encoded.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// Whether `password` matches the PHC string `phc`, compared in constant time by libargon2.
    ///
    /// Blocking like `hash`, with the cost recorded in `phc`. Returns false, without hashing,
    /// for malformed or non-argon2id strings, parameters above sane ceilings, and passwords
    /// over `PasswordPolicy.maximumBytes` (which `hash` never accepts, so they cannot match).
    public func verify(_ password: String, against phc: String) -> Bool {
        guard password.utf8.count <= PasswordPolicy.maximumBytes,
            let record = PHCRecord(phc),
            record.parameters.memoryKiB <= Self.verifiableMemoryKiB,
            record.parameters.iterations <= Self.verifiableIterations,
            record.parameters.parallelism <= Self.verifiableParallelism
        else { return false }
        var input = password
        let status = input.withUTF8 { passwordBuffer in
            phc.withCString { argon2id_verify($0, passwordBuffer.baseAddress, passwordBuffer.count) }
        }
        return status == ARGON2_OK.rawValue
    }

    /// True when `phc` was made with weaker parameters than this hasher's (rehash on next login).
    ///
    /// Call it after a successful `verify`, while the plaintext is at hand: that is the only
    /// moment an old hash can be upgraded. Anything this hasher would not produce itself
    /// (another variant or version, shorter salt or output, unparsable) also counts as weaker.
    public func needsRehash(_ phc: String) -> Bool {
        guard let record = PHCRecord(phc) else { return true }
        return record.parameters.memoryKiB < parameters.memoryKiB
            || record.parameters.iterations < parameters.iterations
            || record.parameters.parallelism < parameters.parallelism
            || record.saltByteCount < Self.saltByteCount
            || record.hashByteCount < Self.hashByteCount
    }

    /// A PHC string of a random password, for equal-time answers to unknown accounts.
    ///
    /// Verifying against it costs the same as verifying a real user's hash, so response
    /// time does not reveal whether an e-mail is registered; nothing ever verifies against it.
    /// Computed once per parameter set and cached. Traps if libargon2 cannot hash with
    /// `parameters` (invalid parameters or out of memory): logins could not work either.
    public static func dummyHash(parameters: Parameters = .owasp) -> String {
        dummyHashes.withLock { cache in
            if let cached = cache[parameters] { return cached }
            let hasher = PasswordHasher(parameters: parameters)
            let phc: String
            do {
                phc = try hasher.hash(SecureRandom.token(byteCount: 32))
            } catch {
                preconditionFailure("cannot compute the dummy password hash: \(error)")
            }
            cache[parameters] = phc
            return phc
        }
    }

    /// `dummyHash(parameters:)` for this hasher's parameters.
    public var dummyHash: String { Self.dummyHash(parameters: parameters) }

    private static let dummyHashes = Mutex<[Parameters: String]>([:])
}

/// A libargon2 failure or refused input. Never contains the password.
public struct PasswordHashingError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// The password is longer than `PasswordPolicy.maximumBytes` UTF-8 bytes.
        case passwordTooLong(maximumBytes: Int)
        /// libargon2 returned this `argon2_error_codes` value.
        case argon2(code: Int32)
    }

    public let reason: Reason

    public init(reason: Reason) {
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .passwordTooLong(let maximumBytes):
            return "password refused before hashing: longer than \(maximumBytes) UTF-8 bytes"
        case .argon2(let code):
            return "argon2id failed: \(String(cString: argon2_error_message(code))) (code \(code))"
        }
    }
}

/// The fields of `$argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>` that decide
/// whether to verify and whether to rehash. Strict on purpose: anything else is not ours.
private struct PHCRecord {
    var parameters: PasswordHasher.Parameters
    var saltByteCount: Int
    var hashByteCount: Int

    init?(_ phc: String) {
        let utf8 = phc.utf8
        // Longer than any PHC string we produce; bounds the parsing work.
        guard utf8.count <= 512 else { return nil }
        let fields = utf8.split(separator: UInt8(ascii: "$"), omittingEmptySubsequences: false)
        guard fields.count == 6, fields[0].isEmpty,
            fields[1].elementsEqual("argon2id".utf8),
            fields[2].elementsEqual("v=19".utf8)
        else { return nil }
        let costs = fields[3].split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
        guard costs.count == 3,
            let memory = Self.decimal(costs[0], key: "m"),
            let iterations = Self.decimal(costs[1], key: "t"),
            let parallelism = Self.decimal(costs[2], key: "p"),
            let saltByteCount = Self.base64ByteCount(fields[4]),
            let hashByteCount = Self.base64ByteCount(fields[5])
        else { return nil }
        self.parameters = .init(memoryKiB: memory, iterations: iterations, parallelism: parallelism)
        self.saltByteCount = saltByteCount
        self.hashByteCount = hashByteCount
    }

    /// `key=digits`, no sign or leading zero, fitting in UInt32.
    private static func decimal(_ field: Substring.UTF8View, key: Character) -> UInt32? {
        let bytes = Array(field)
        guard bytes.count >= 3, bytes.count <= 12, bytes[0] == key.asciiValue, bytes[1] == UInt8(ascii: "=")
        else { return nil }
        let digits = bytes[2...]
        guard digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            digits.count == 1 || digits.first != UInt8(ascii: "0")
        else { return nil }
        var value: UInt64 = 0
        for digit in digits { value = value * 10 + UInt64(digit - UInt8(ascii: "0")) }
        return value <= UInt64(UInt32.max) ? UInt32(value) : nil
    }

    /// Decoded length of unpadded standard base64, or nil if it is not that.
    private static func base64ByteCount(_ field: Substring.UTF8View) -> Int? {
        let count = field.count
        guard count > 0, count % 4 != 1 else { return nil }
        let valid = field.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"):
                return true
            default:
                return false
            }
        }
        return valid ? count * 3 / 4 : nil
    }
}
