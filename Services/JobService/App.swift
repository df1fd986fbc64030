import ServiceKit

@main
struct JobServiceApp {
    static func main() async {
        await ServiceMain.run(.jobService, load: loadSettings, common: \.common, build: buildApplication)
    }
}
