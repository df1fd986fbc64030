import ServiceKit

@main
struct LearningServiceApp {
    static func main() async {
        await ServiceMain.run(.learningService, load: loadSettings, common: \.common, build: buildApplication)
    }
}
