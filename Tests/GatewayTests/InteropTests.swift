import Foundation
import TestSupport
import Testing

@testable import Gateway

@Suite("gateway: tokens outside Swift")
struct InteropTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/verify-access-token.py").path

    @Test("PyJWT decodes an access token and finds the promised claims; a wrong secret fails")
    func pyJWTReadsAccessTokens() async throws {
        try await GatewayHarness.run { gateway in
            let session = try await gateway.register()
            let python = "/usr/bin/env"
            let accepted = try ChildProcess.run(
                python, ["python3", Self.script, session.accessToken, TestEnvironment.jwtSecret])
            #expect(accepted.status == 0, "\(accepted.stderr)")
            #expect(accepted.stdout.contains(session.userId))
            let rejected = try ChildProcess.run(
                python, ["python3", Self.script, session.accessToken, String(repeating: "x", count: 40)])
            #expect(rejected.status == 1)
            #expect(rejected.stderr.contains("Signature"))
        }
    }
}
