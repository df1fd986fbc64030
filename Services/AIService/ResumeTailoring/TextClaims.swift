import Contracts
import Taxonomy

/// One thing a piece of text says that the profile does not back.
struct UnsupportedClaim: Sendable, Equatable {
    var kind: RemovedClaim.Kind
    var reason: String
}

/// Checks the claims inside one piece of prose: every skill it names must be
/// one the profile shows, every figure one the profile states, and a number of
/// years of experience the one the work dates give.
struct TextClaims: Sendable {
    let taxonomy: Taxonomy
    let evidence: ProfileEvidence

    /// In a summary any "N years" is read as experience, and a job title must be
    /// one the profile gives itself; elsewhere only "N years of experience" is.
    /// Figures must be among `numbers` when given (those stated for one entry),
    /// else among all the profile states.
    func unsupported(
        in text: String, isSummary: Bool = false, numbers: Set<NumberKey>? = nil
    )
        -> [UnsupportedClaim]
    {
        var claims: [UnsupportedClaim] = isSummary ? unsupportedTitles(in: text) : []
        let mentions = taxonomy.extractSkills(from: text)
        for mention in mentions where !evidence.holds(mention.skillId) {
            claims.append(UnsupportedClaim(kind: .skill, reason: "\(mention.text) is not in the profile"))
        }
        let masked = mentions.map { mention in
            String.Index(
                utf16Offset: mention.start, in: text)..<String.Index(
                    utf16Offset: mention.start + mention.length, in: text)
        }
        for number in NumberScanner.numbers(in: text, masked: masked) {
            if number.isYearsOfExperience || isSummary && number.countsYears {
                let computed = evidence.history.yearsOfExperience
                guard number.integerValue != computed else { continue }
                let given = computed.map { "the work dates give \($0)" } ?? "the work dates give no figure"
                claims.append(
                    UnsupportedClaim(
                        kind: .yearsOfExperience, reason: "\(number.raw) years of experience, but \(given)"))
            } else if !(numbers ?? evidence.statedNumbers).contains(number.key) {
                let scope = numbers == nil ? "in the profile" : "for this entry in the profile"
                claims.append(UnsupportedClaim(kind: .number, reason: "\(number.raw) is not stated \(scope)"))
            }
        }
        return claims
    }

    /// Seniority words that change what a title claims ("Staff Engineer" ≠ "Engineer").
    static let seniorityWords: Set<String> = [
        "junior", "senior", "staff", "principal", "lead", "head", "chief", "distinguished", "director", "vp",
    ]

    /// Role titles (taxonomy titles and aliases, with a seniority word before them)
    /// that none of the profile's positions, label or summary gives.
    func unsupportedTitles(in text: String) -> [UnsupportedClaim] {
        let words = TextMatching.words(text)
        var claims: [UnsupportedClaim] = []
        var seen: Set<String> = []
        for role in taxonomy.roles.values.sorted(by: { $0.id < $1.id }) {
            for phrase in [role.title] + role.aliases {
                let phraseWords = TextMatching.words(phrase)
                guard !phraseWords.isEmpty, phraseWords.count <= words.count else { continue }
                for start in 0...(words.count - phraseWords.count)
                where Array(words[start..<start + phraseWords.count]) == phraseWords {
                    var claimed = phraseWords
                    if start > 0, Self.seniorityWords.contains(words[start - 1]) {
                        claimed.insert(words[start - 1], at: 0)
                    }
                    let key = claimed.joined(separator: " ")
                    guard !evidence.titleKey.contains(" \(key) "), seen.insert(key).inserted else { continue }
                    claims.append(UnsupportedClaim(kind: .position, reason: "the profile holds no \(key) title"))
                }
            }
        }
        return claims
    }

    /// Skills a list item (a skills or project keyword) names that the profile does
    /// not show; an item the taxonomy does not know must appear in the profile's text.
    func unsupported(listItem: String) -> [UnsupportedClaim] {
        let ids = taxonomy.listedSkillIds(listItem)
        if ids.isEmpty {
            return evidence.mentionsPhrase(listItem)
                ? [] : [UnsupportedClaim(kind: .skill, reason: "\(listItem) is not in the profile")]
        }
        return ids.filter { !evidence.holds($0) }.map { id in
            UnsupportedClaim(kind: .skill, reason: "\(taxonomy.skill(id)?.name ?? id) is not in the profile")
        }
    }
}
