import ServiceKit

@main
struct GatewayApp {
    static func main() async {
        await ServiceMain.run(.gateway, load: loadSettings, common: \.common, build: buildApplication)
    }
}
