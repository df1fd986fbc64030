/// The words in a job description that say whether a skill is a must-have or a
/// nice-to-have, and which headings start a section that lists neither. Phrases
/// are in `TextWords` form: lower case, hyphens as spaces.
public enum JobDescriptionCues {
    /// A skill near one of these is preferred, wherever it stands; checked first,
    /// so "not required" and "preferred qualifications" are preferences.
    public static let preferred: [[String]] = phrases([
        "nice to have", "nice to haves", "preferred", "preferably", "bonus", "bonus points", "a plus", "big plus",
        "huge plus", "plus points", "pluses", "ideally", "desirable", "desired", "advantageous", "an advantage",
        "not required", "optional", "optionally", "good to have", "would be great", "would be nice",
        "extra credit", "even better", "is a plus", "are a plus",
    ])

    /// Words that make a skill required even inside a nice-to-have section.
    public static let required: [[String]] = phrases([
        "required", "require", "requires", "requirement", "requirements", "must", "mandatory", "essential",
        "minimum",
    ])

    /// Preferred cues that open what they qualify ("…, and ideally Go"): a clause
    /// starts at them, so the words before keep their own importance.
    public static let leadingPreferred: [[String]] = phrases([
        "ideally", "preferably", "bonus", "nice to have", "optionally", "even better",
    ])

    /// Words before a leading cue that make it the end of a statement instead
    /// ("Kotlin is a bonus", "Go would be nice to have").
    public static let predicateWords: Set<String> = [
        "is", "are", "be", "a", "an", "as", "considered", "very", "really",
    ]

    /// Headings of a must-have section.
    public static let requiredHeadings: [[String]] =
        required
        + phrases([
            "qualifications", "must have", "must haves", "what you bring", "what you'll bring", "you bring",
            "what we're looking for", "what we are looking for", "we're looking for", "you have", "you'll have",
            "you will have", "about you", "who you are", "skills", "experience", "your profile", "you are",
        ])

    /// Headings of sections that describe the employer, not the job: skills there are not asked for.
    public static let ignoredHeadings: [[String]] = phrases([
        "benefits", "perks", "what we offer", "we offer", "about us", "about the company", "who we are",
        "compensation", "salary", "equal opportunity", "how to apply", "our values",
    ])

    /// Other headings: they end the previous section, and skills under them are required.
    public static let neutralHeadings: [[String]] = phrases([
        "responsibilities", "what you'll do", "what you will do", "the role", "about the role", "your role",
        "day to day", "tech stack", "our stack", "stack", "tools", "overview", "description", "summary",
        "the team", "about the team", "the job", "key responsibilities", "duties",
    ])

    private static func phrases(_ texts: [String]) -> [[String]] {
        texts.map { TextWords.words($0) }
    }
}
