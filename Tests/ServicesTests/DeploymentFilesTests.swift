import Foundation
import ServiceKit
import Testing
import Yams

@testable import AIService
@testable import Gateway
@testable import JobService
@testable import LearningService
@testable import ProfileService

/// No Docker engine runs here, so the compose file is checked against the code:
/// every service, port, health path and variable it names must be real.
@Suite("docker-compose.yml and README match the code")
struct DeploymentFilesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The variables each service's configuration loader reads.
    static func variablesRead(by service: String) throws -> Set<String> {
        var reader = EnvironmentReader([
            "INTERNAL_SECRET": String(repeating: "i", count: 32), "JWT_SECRET": String(repeating: "j", count: 32),
        ])
        switch service {
        case "gateway": _ = try Gateway.loadSettings(&reader)
        case "ai-service": _ = try AIService.loadSettings(&reader)
        case "profile-service": _ = try ProfileService.loadSettings(&reader)
        case "job-service": _ = try JobService.loadSettings(&reader)
        case "learning-service": _ = try LearningService.loadSettings(&reader)
        default: throw SuiteFailure(message: "unknown service \(service)")
        }
        return Set(reader.readVariables)
    }

    static func compose() throws -> [String: Any] {
        let text = try String(contentsOf: root.appendingPathComponent("docker-compose.yml"), encoding: .utf8)
        return try #require(try Yams.load(yaml: text) as? [String: Any])
    }

    @Test("every Swift service is in compose with its port, health check, build and only variables it reads")
    func composeMatchesCode() throws {
        let services = try #require(try Self.compose()["services"] as? [String: Any])
        for descriptor in ServiceDescriptor.all {
            let service = try #require(services[descriptor.name] as? [String: Any], "\(descriptor.name) missing")
            let environment = try #require(service["environment"] as? [String: Any])
            let read = try Self.variablesRead(by: descriptor.name)
            for key in environment.keys {
                #expect(read.contains(key), "\(descriptor.name) is given \(key) but never reads it")
            }
            #expect("\(environment["PORT"] ?? "")" == String(descriptor.defaultPort))
            for callee in descriptor.calls {
                let variable = ServiceDescriptor.named(callee)!.urlVariable
                let url = "\(environment[variable] ?? "")"
                #expect(url == "http://\(callee):\(ServiceDescriptor.named(callee)!.defaultPort)", "\(variable)")
            }
            let build = try #require(service["build"] as? [String: Any])
            #expect("\(build["dockerfile"] ?? "")".hasSuffix("deploy/Dockerfile"))
            let arguments = try #require(build["args"] as? [String: Any])
            #expect("\(arguments["SERVICE"] ?? "")" == descriptor.name)
            let health = try #require(service["healthcheck"] as? [String: Any])
            let test = (health["test"] as? [Any])?.map { "\($0)" }.joined(separator: " ") ?? "\(health["test"] ?? "")"
            #expect(test.contains("127.0.0.1:\(descriptor.defaultPort)/health"), "\(descriptor.name): \(test)")
            let dependsOn = try #require(service["depends_on"] as? [String: Any])
            for dependency in ["postgres", "redis"] {
                let condition = (dependsOn[dependency] as? [String: Any])?["condition"] as? String
                #expect(condition == "service_healthy", "\(descriptor.name) → \(dependency)")
            }
        }
        let gateway = try #require(services["gateway"] as? [String: Any])
        #expect((gateway["ports"] as? [Any])?.map { "\($0)" }.contains("3000:3000") == true)
        for infrastructure in ["postgres", "redis", "ollama"] {
            #expect(services[infrastructure] != nil, "\(infrastructure) missing")
        }
        let redis = try #require(services["redis"] as? [String: Any])
        let command = (redis["command"] as? [Any])?.map { "\($0)" } ?? []
        #expect(command.contains("--appendonly") && command.contains("yes"))
        let postgres = try #require(services["postgres"] as? [String: Any])
        #expect("\(postgres["image"] ?? "")".hasPrefix("postgres:15"))
    }

    @Test("the README documents every variable the services read")
    func readmeDocumentsConfiguration() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        var all = Set<String>()
        for descriptor in ServiceDescriptor.all { all.formUnion(try Self.variablesRead(by: descriptor.name)) }
        for variable in all.sorted() { #expect(readme.contains("`\(variable)`"), "README lacks \(variable)") }
        #expect(readme.contains("./scripts/careergini up"))
        #expect(readme.contains("./scripts/careergini test"))
    }
}
