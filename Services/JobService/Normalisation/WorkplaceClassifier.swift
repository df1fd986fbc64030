import Contracts
import SkillMatching

/// Where a posting's work happens, from the most explicit signal down:
/// 1. the board's workplace words (Ashby "Remote"/"Hybrid"/"OnSite", Lever
///    "remote"/"hybrid"/"on-site"), hybrid winning when one hint names both;
/// 2. the board's remote flag, when true;
/// 3. the locations ("Remote", "Remote - US", "Anywhere", "Worldwide",
///    "Berlin (Hybrid)") and the title ("Backend Engineer (Remote)");
/// 4. the description: hybrid cues ("hybrid", "3 days in the office") before
///    remote cues ("fully remote", "remote-first") before on-site cues
///    ("on-site", "in-office"); "not remote" counts as on-site;
/// 5. a remote flag of false means on-site when nothing else spoke.
/// Nil when nothing says. A flag of false also keeps steps 3–4 from answering remote.
enum WorkplaceClassifier {
    static let hybridPhrases = phrases(["hybrid", "hybrid remote", "partially remote", "flexible working"])
    static let remotePhrases = phrases([
        "remote", "fully remote", "100 remote", "remote first", "remote only", "remote friendly", "anywhere",
        "worldwide", "work from anywhere", "work from home", "wfh", "distributed", "home office", "homeoffice",
        "telecommute", "telework", "work remotely", "remote position", "remote role", "remote job",
    ])
    static let onsitePhrases = phrases([
        "onsite", "on site", "in office", "in person", "office based", "office only", "vor ort",
    ])
    /// In a description only the unmistakable remote phrases count: "remote" alone
    /// is too often "remote teams" or "remote monitoring".
    static let descriptionRemotePhrases = phrases([
        "fully remote", "100 remote", "remote first", "remote only", "work from anywhere", "work remotely",
        "remote position", "remote role", "remote job", "this is a remote", "fully distributed", "remote friendly",
        "remote working", "remote work is", "work from home", "100 homeoffice", "full remote", "remote opportunity",
    ])
    static let notRemotePhrases = phrases([
        "not remote", "no remote", "not a remote", "not fully remote", "remote work is not", "not eligible for remote",
    ])
    static let officeWords: Set<String> = ["office", "onsite", "site", "remote", "home", "büro", "campus", "hq"]
    static let dayCounts: Set<String> = ["1", "2", "3", "4", "one", "two", "three", "four"]

    static func classify(
        remote: Bool?, hint: String?, locations: [String], title: String, description: String
    ) -> Job.Workplace? {
        if let hint, let workplace = fromLabel(hint) { return workplace }
        if remote == true { return .remote }
        let allowsRemote = remote != false
        let labelled = (locations + qualifiers(inTitle: title)).compactMap(fromLabel)
        if labelled.contains(.hybrid) { return .hybrid }
        if allowsRemote, labelled.contains(.remote) { return .remote }
        if labelled.contains(.onsite) { return .onsite }
        if let fromText = fromDescription(description), allowsRemote || fromText != .remote { return fromText }
        return remote == false ? .onsite : nil
    }

    /// A short label (a board's field, a location, a title): hybrid, then remote,
    /// then on-site words.
    static func fromLabel(_ label: String) -> Job.Workplace? {
        let words = TextWords.words(label)
        if TextWords.containsAny(words, of: hybridPhrases) { return .hybrid }
        if TextWords.containsAny(words, of: notRemotePhrases) { return .onsite }
        if TextWords.containsAny(words, of: remotePhrases) { return .remote }
        if TextWords.containsAny(words, of: onsitePhrases) { return .onsite }
        return nil
    }

    /// The parts of a title that qualify the role rather than name it: in
    /// brackets or after a dash, bar or comma ("Backend Engineer (Remote)",
    /// "Designer – Hybrid"), so "Remote Sensing Scientist" stays a title.
    static func qualifiers(inTitle title: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        var afterSeparator = false
        for character in title {
            switch character {
            case "(", "[":
                if afterSeparator, !current.isEmpty { parts.append(current) }
                current = ""
                depth += 1
            case ")", "]":
                if depth > 0 { parts.append(current) }
                current = ""
                depth = max(0, depth - 1)
            case "-", "–", "—", "|", ",", "/":
                guard depth == 0 else {
                    current.append(character)
                    continue
                }
                if afterSeparator, !current.isEmpty { parts.append(current) }
                current = ""
                afterSeparator = true
            default:
                current.append(character)
            }
        }
        if afterSeparator || depth > 0, !current.isEmpty { parts.append(current) }
        return parts
    }

    /// A description's cues: hybrid, then remote (unless it says not remote), then on-site.
    static func fromDescription(_ text: String) -> Job.Workplace? {
        let words = TextWords.words(text)
        let vocabulary = Set(words)
        // Only phrases whose every word occurs are searched for: a long text costs one pass.
        func says(_ phrases: [[String]]) -> Bool {
            TextWords.containsAny(words, of: phrases.filter { $0.allSatisfy(vocabulary.contains) })
        }
        if says(hybridPhrases) || namesOfficeDays(words) { return .hybrid }
        let notRemote = says(notRemotePhrases)
        if !notRemote, says(descriptionRemotePhrases) { return .remote }
        if notRemote || says(onsitePhrases) { return .onsite }
        return nil
    }

    /// "3 days in the office", "two days a week on site", "2 days remote".
    static func namesOfficeDays(_ words: [String]) -> Bool {
        for (index, word) in words.enumerated() where word == "days" || word == "day" || word == "tage" {
            guard index > 0, dayCounts.contains(words[index - 1]) else { continue }
            let following = words[(index + 1)..<min(words.count, index + 6)]
            if following.contains(where: officeWords.contains) { return true }
        }
        return false
    }

    private static func phrases(_ texts: [String]) -> [[String]] { texts.map { TextWords.words($0) } }
}
