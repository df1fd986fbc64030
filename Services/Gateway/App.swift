import ServiceKit

@main
struct GatewayApp {
    static func main() async {
        await ServiceMain.run(
            .gateway, load: loadSettings, common: \.common, build: { try await buildApplication($0, logger: $1) })
    }
}
