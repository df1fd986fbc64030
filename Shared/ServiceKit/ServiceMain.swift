import Foundation
import Hummingbird
import Logging

/// The whole of a service's `main`: read configuration, set up logging, build,
/// run until SIGTERM / SIGINT (which drain), and exit with a clear message when
/// configuration or startup fails.
public enum ServiceMain {
    public static func run<Settings: Sendable, App: ApplicationProtocol>(
        _ service: ServiceDescriptor,
        load: @Sendable (inout EnvironmentReader) throws -> Settings,
        common: @Sendable (Settings) -> ServiceConfiguration,
        build: @Sendable (Settings, Logger) async throws -> App
    ) async -> Never {
        let settings: Settings
        do {
            var reader = EnvironmentReader()
            settings = try load(&reader)
        } catch {
            FileHandle.standardError.write(Data("\(service.name): \(error)\n".utf8))
            exit(78)  // EX_CONFIG
        }
        let configuration = common(settings)
        bootstrapLogging(configuration)
        let logger = Logger(label: service.name)
        do {
            let app = try await build(settings, logger)
            logger.info(
                "starting", metadata: ["host": "\(configuration.host)", "port": "\(configuration.port)"])
            try await app.runService()
            logger.info("stopped")
            exit(0)
        } catch {
            logger.critical("failed to start", metadata: ["error": "\(error)"])
            FileHandle.standardError.write(Data("\(service.name): \(error)\n".utf8))
            exit(1)
        }
    }

    static func bootstrapLogging(_ configuration: ServiceConfiguration) {
        let level = configuration.logLevel
        let service = configuration.service.name
        switch configuration.logFormat {
        case .json:
            LoggingSystem.bootstrap { label in JSONLogHandler(label: label, service: service, level: level) }
        case .text:
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardOutput(label: label)
                handler.logLevel = level
                return handler
            }
        }
    }
}
