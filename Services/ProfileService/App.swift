import ServiceKit

@main
struct ProfileServiceApp {
    static func main() async {
        await ServiceMain.run(.profileService, load: loadSettings, common: \.common, build: buildApplication)
    }
}
