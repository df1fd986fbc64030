import NIOPosix
import Security

/// argon2id hashing off the event loop. Each hash takes tens of milliseconds of
/// CPU and 19 MiB, so it runs on NIO's blocking thread pool (one thread per
/// core), which also bounds how many run at once.
struct PasswordService: Sendable {
    let hasher = PasswordHasher()
    /// Verified against when the account does not exist, so an unknown e-mail
    /// costs the same time as a wrong password.
    let dummyHash: String

    init() {
        dummyHash = PasswordHasher.dummyHash()
    }

    func hash(_ password: String) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { [hasher] in try hasher.hash(password) }
    }

    func verify(_ password: String, against hash: String?) async throws -> Bool {
        let target = hash ?? dummyHash
        let matches = try await NIOThreadPool.singleton.runIfActive { [hasher] in
            hasher.verify(password, against: target)
        }
        return matches && hash != nil
    }

    func needsRehash(_ hash: String) -> Bool { hasher.needsRehash(hash) }
}
