import ServiceKit

@main
struct AIServiceApp {
    static func main() async {
        await ServiceMain.run(.aiService, load: loadSettings, common: \.common, build: buildApplication)
    }
}
