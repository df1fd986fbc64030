import Contracts
import Foundation

/// A live find's level, guessed from its words: providers say nothing of
/// level, but titles, descriptions and topics usually do ("for beginners",
/// "awesome-" lists, "deep dive", "internals"). Intermediate when nothing says.
enum LevelGuess {
    static let beginnerMarkers = [
        "beginner", "beginners", "crash course", "introduction", "intro to", "getting started", "basics",
        "fundamentals", "101", "from scratch", "learn", "tutorial", "tutorials", "full course", "awesome",
        "roadmap", "first steps", "primer", "cheatsheet", "cheat sheet", "for dummies", "zero to",
    ]
    static let advancedMarkers = [
        "advanced", "deep dive", "internals", "under the hood", "expert", "experts", "masterclass",
        "in depth", "at scale", "production grade",
    ]

    /// The level `texts` (title, description, topics) point at. Advanced
    /// words win over beginner ones: "advanced tutorial" is advanced.
    static func level(from texts: [String]) -> LearningResource.Level {
        let words = " " + normalized(texts.joined(separator: " ")) + " "
        func mentions(_ marker: String) -> Bool { words.contains(" " + marker + " ") }
        if advancedMarkers.contains(where: mentions) { return .advanced }
        if beginnerMarkers.contains(where: mentions) { return .beginner }
        return .intermediate
    }

    /// Lowercased words separated by single spaces: "Awesome-Python!" → "awesome python".
    static func normalized(_ text: String) -> String {
        text.lowercased().split { !$0.isLetter && !$0.isNumber }.joined(separator: " ")
    }
}
