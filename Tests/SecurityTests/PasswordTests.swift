import Foundation
import Security
import Testing

@Suite("Password hashing and policy")
struct PasswordTests {
    let hasher = PasswordHasher()

    @Test("hash then verify round trips; a wrong password does not verify")
    func roundTrip() throws {
        let phc = try hasher.hash("correct horse battery staple")
        #expect(hasher.verify("correct horse battery staple", against: phc))
        #expect(!hasher.verify("correct horse battery stapl", against: phc))
        #expect(!hasher.verify("Correct horse battery staple", against: phc))
        #expect(!hasher.verify("", against: phc))
    }

    @Test("PHC string is argon2id v=19 with OWASP parameters, 16-byte salt and 32-byte hash")
    func phcShape() throws {
        let phc = try hasher.hash("correct horse battery staple")
        let fields = phc.split(separator: "$", omittingEmptySubsequences: false)
        try #require(fields.count == 6)
        #expect(fields[0].isEmpty)
        #expect(fields[1] == "argon2id")
        #expect(fields[2] == "v=19")
        #expect(fields[3] == "m=19456,t=2,p=1")
        #expect(fields[4].count == 22)  // 16 bytes, unpadded base64
        #expect(fields[5].count == 43)  // 32 bytes, unpadded base64
        #expect(PasswordHasher.Parameters.owasp == .init(memoryKiB: 19_456, iterations: 2, parallelism: 1))
    }

    @Test("two hashes of one password differ (fresh salt) and both verify")
    func saltedHashesDiffer() throws {
        let first = try hasher.hash("correct horse battery staple")
        let second = try hasher.hash("correct horse battery staple")
        #expect(first != second)
        #expect(hasher.verify("correct horse battery staple", against: first))
        #expect(hasher.verify("correct horse battery staple", against: second))
    }

    @Test("malformed PHC strings are rejected without crashing")
    func malformedPHC() throws {
        let good = try hasher.hash("correct horse battery staple")
        let fields = good.split(separator: "$", omittingEmptySubsequences: false).map(String.init)
        let salt = fields[4]
        let digest = fields[5]
        let malformed = [
            "", "$", "$$$$$", "argon2id", "plaintext-password", String(good.dropLast()), good + "$",
            good + "\0garbage", String(good.prefix(good.count - 10)) + "!!!!!!!!!!",
            "$argon2i$v=19$m=19456,t=2,p=1$\(salt)$\(digest)",
            "$argon2d$v=19$m=19456,t=2,p=1$\(salt)$\(digest)",
            "$argon2id$v=16$m=19456,t=2,p=1$\(salt)$\(digest)",
            "$argon2id$m=19456,t=2,p=1$\(salt)$\(digest)",
            "$argon2id$v=19$m=19456,t=2$\(salt)$\(digest)",
            "$argon2id$v=19$t=2,m=19456,p=1$\(salt)$\(digest)",
            "$argon2id$v=19$m=019456,t=2,p=1$\(salt)$\(digest)",
            "$argon2id$v=19$m=-1,t=2,p=1$\(salt)$\(digest)",
            "$argon2id$v=19$m=99999999999,t=2,p=1$\(salt)$\(digest)",
            "$argon2id$v=19$m=1,t=2,p=1$\(salt)$\(digest)",
            "$argon2id$v=19$m=19456,t=0,p=1$\(salt)$\(digest)",
            "$argon2id$v=19$m=19456,t=2,p=1$$\(digest)",
            "$argon2id$v=19$m=19456,t=2,p=1$\(salt)$",
            "$argon2id$v=19$m=19456,t=2,p=1$AAAA$\(digest)",
            "$argon2id$v=19$m=19456,t=2,p=1$\(salt)=$\(digest)",
            "$argon2id$v=19$m=19456,t=2,p=1$\(salt)$\(String(repeating: "A", count: 600))",
            "$argon2id$v=19$m=19456,t=2,p=1$\(salt)$\(digest)$extra",
            "$argon2id$v=19$m=19456,t=2,p=1$s\u{e4}lt\(salt)$\(digest)",
        ]
        for phc in malformed {
            #expect(!hasher.verify("correct horse battery staple", against: phc), "accepted \(phc.debugDescription)")
            #expect(hasher.needsRehash(phc), "no rehash for \(phc.debugDescription)")
        }
        // Well-formed, but out of bounds (refused before libargon2 allocates) or not matching.
        let wellFormed = [
            "$argon2id$v=19$m=4294967295,t=2,p=1$\(salt)$\(digest)",
            "$argon2id$v=19$m=2097152,t=2,p=1$\(salt)$\(digest)",
            "$argon2id$v=19$m=19456,t=4294967295,p=1$\(salt)$\(digest)",
            "$argon2id$v=19$m=19456,t=2,p=255$\(salt)$\(digest)",
            "$argon2id$v=19$m=19456,t=2,p=1$\(salt)$\(digest)A",
            "$argon2id$v=19$m=19456,t=2,p=1$\(digest)$\(salt)",
        ]
        for phc in wellFormed {
            #expect(!hasher.verify("correct horse battery staple", against: phc), "accepted \(phc.debugDescription)")
        }
    }

    @Test("non-ASCII passwords hash as their UTF-8 bytes")
    func nonASCII() throws {
        for password in ["pässwörd-grün", "日本語のパスワードです", "🔐🦊🌈🚀🎉🧩🐙🍀", "Ελληνικά κωδικός", "пароль-надёжный"] {
            let phc = try hasher.hash(password)
            #expect(hasher.verify(password, against: phc))
            #expect(!hasher.verify(password + " ", against: phc))
            #expect(!hasher.verify(String(password.dropLast()), against: phc))
        }
    }

    @Test("over-long passwords are refused quickly by the policy and by hash, never truncated")
    func overLong() throws {
        let clock = ContinuousClock()
        let limit = String(repeating: "a", count: PasswordPolicy.maximumCharacters)
        let oneMore = limit + "b"
        let huge = String(repeating: "x", count: 1 << 20)

        let policyTime = clock.measure {
            #expect(PasswordPolicy.check(oneMore, email: nil) == .tooLong(maximum: 128))
            #expect(PasswordPolicy.check(huge, email: nil) == .tooLong(maximum: 128))
            #expect(!PasswordPolicy.isCommon(huge))
        }
        #expect(policyTime < .milliseconds(200))

        let dummy = hasher.dummyHash  // computed (once) outside the timed block
        let hashTime = clock.measure {
            #expect(throws: PasswordHashingError.self) { try hasher.hash(huge) }
            #expect(!hasher.verify(huge, against: dummy))
        }
        #expect(hashTime < .milliseconds(200))

        // 512 bytes is the bound; 513 is refused by hash, whatever the policy says.
        let maxBytes = String(repeating: "\u{1F600}", count: 128)
        #expect(maxBytes.utf8.count == 512)
        #expect(PasswordPolicy.check(maxBytes, email: nil) == nil)
        let maxBytesPHC = try hasher.hash(maxBytes)
        #expect(hasher.verify(maxBytes, against: maxBytesPHC))
        let error = #expect(throws: PasswordHashingError.self) { try hasher.hash(maxBytes + "a") }
        #expect(error?.reason == .passwordTooLong(maximumBytes: 512))

        // No truncation: a longer password sharing the first 128 characters does not verify.
        let phc = try hasher.hash(limit)
        #expect(hasher.verify(limit, against: phc))
        #expect(!hasher.verify(oneMore, against: phc))
        // ...and neither does one that differs only past bcrypt's 72-byte cut-off.
        let long = String(repeating: "z", count: 100)
        let longPHC = try hasher.hash(long)
        #expect(!hasher.verify(long + "!", against: longPHC))
        #expect(!hasher.verify(String(long.prefix(72)), against: longPHC))
    }

    @Test("length rules count characters: 7 refused, 8 and 128 accepted, 129 refused")
    func lengthRules() {
        #expect(PasswordPolicy.check("kq7#vPz", email: nil) == .tooShort(minimum: 8))
        #expect(PasswordPolicy.check("kq7#vPzm", email: nil) == nil)
        #expect(PasswordPolicy.check(String(repeating: "kq7#", count: 32), email: nil) == nil)
        #expect(PasswordPolicy.check(String(repeating: "kq7#", count: 32) + "v", email: nil) == .tooLong(maximum: 128))
        #expect(PasswordPolicy.check("", email: nil) == .tooShort(minimum: 8))
        // Grapheme clusters, not bytes or scalars: 8 flags are 8 characters.
        let flags = String(repeating: "\u{1F1E9}\u{1F1EA}", count: 8)
        #expect(flags.unicodeScalars.count == 16)
        #expect(PasswordPolicy.check(flags, email: nil) == nil)
        #expect(
            PasswordPolicy.check(String(repeating: "\u{1F1E9}\u{1F1EA}", count: 7), email: nil) == .tooShort(minimum: 8)
        )
    }

    @Test("common passwords are refused case-insensitively; the list holds exactly 1,000 entries")
    func commonPasswords() {
        #expect(PasswordPolicy.commonPasswordCount == 1000)
        for password in [
            "password1", "Password1", "PASSWORD1", "qwerty123", "QwErTy123", "12345678", "iloveyou", "trustno1",
            "passw0rd", "abcd1234", "password123", "1qaz2wsx", "baseball",
        ] {
            #expect(PasswordPolicy.isCommon(password), "\(password) not in list")
            #expect(PasswordPolicy.check(password, email: nil) == .common)
        }
        #expect(PasswordPolicy.isCommon("123456"))
        #expect(!PasswordPolicy.isCommon("kq7#vPzm-unusual"))
        #expect(!PasswordPolicy.isCommon("# source"))
    }

    @Test("passwords containing the e-mail's local part are refused when it has 4+ characters")
    func emailRule() {
        #expect(PasswordPolicy.check("margaret-2024!", email: "Margaret@example.com") == .containsEmail)
        #expect(PasswordPolicy.check("xxMARGARETxx", email: "margaret@example.com") == .containsEmail)
        #expect(PasswordPolicy.check("margaret+jobs", email: "margaret+jobs@example.com") == .containsEmail)
        #expect(PasswordPolicy.check("margaret-2024!", email: "margaret+jobs@example.com") == .containsEmail)
        #expect(PasswordPolicy.check("bob-the-builder", email: "bob@example.com") == nil)
        #expect(PasswordPolicy.check("example.com-rocks", email: "margaret@example.com") == nil)
        #expect(PasswordPolicy.check("margaret-2024!", email: nil) == nil)
        #expect(PasswordPolicy.check("margaret-2024!", email: "not-an-email") == nil)
    }

    @Test("every violation explains itself in a sentence")
    func descriptions() {
        let violations: [PasswordPolicy.Violation] = [
            .tooShort(minimum: 8), .tooLong(maximum: 128), .common, .containsEmail,
        ]
        for violation in violations {
            #expect(violation.description.hasSuffix("."))
            #expect(violation.description.first?.isUppercase == true)
        }
        #expect(PasswordPolicy.Violation.tooShort(minimum: 8).description.contains("8"))
        #expect(PasswordPolicy.Violation.tooLong(maximum: 128).description.contains("128"))
    }

    @Test("hashes made with weaker parameters need a rehash; our own do not")
    func rehash() throws {
        let weak = PasswordHasher(parameters: .init(memoryKiB: 4096, iterations: 2, parallelism: 1))
        let weakPHC = try weak.hash("correct horse battery staple")
        #expect(weakPHC.contains("$m=4096,t=2,p=1$"))
        #expect(hasher.verify("correct horse battery staple", against: weakPHC))
        #expect(hasher.needsRehash(weakPHC))
        #expect(!weak.needsRehash(weakPHC))

        let fewerPasses = PasswordHasher(parameters: .init(memoryKiB: 19_456, iterations: 1, parallelism: 1))
        let fewerPassesPHC = try fewerPasses.hash("correct horse battery staple")
        #expect(hasher.needsRehash(fewerPassesPHC))

        let own = try hasher.hash("correct horse battery staple")
        #expect(!hasher.needsRehash(own))
        let stronger = PasswordHasher(parameters: .init(memoryKiB: 32_768, iterations: 3, parallelism: 1))
        #expect(stronger.needsRehash(own))
        let strongerPHC = try stronger.hash("correct horse battery staple")
        #expect(!hasher.needsRehash(strongerPHC))
        #expect(hasher.verify("correct horse battery staple", against: strongerPHC))
    }

    @Test("the dummy hash is a real OWASP hash that verifies nothing")
    func dummy() {
        let dummy = hasher.dummyHash
        #expect(dummy.hasPrefix("$argon2id$v=19$m=19456,t=2,p=1$"))
        #expect(dummy == PasswordHasher.dummyHash(parameters: .owasp))
        #expect(!hasher.needsRehash(dummy))
        for guess in ["", "password", "correct horse battery staple", dummy] {
            #expect(!hasher.verify(guess, against: dummy))
        }
    }

    @Test("invalid parameters surface as a PasswordHashingError")
    func argon2Failure() {
        let broken = PasswordHasher(parameters: .init(memoryKiB: 1, iterations: 0, parallelism: 1))
        let error = #expect(throws: PasswordHashingError.self) { try broken.hash("correct horse battery staple") }
        #expect(error.map { "\($0)" }?.hasPrefix("argon2id failed:") == true)
        #expect(error?.description.contains("staple") == false)
    }
}
