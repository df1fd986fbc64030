import Contracts
import SkillMatching
import Taxonomy

/// What recommendations know about a person, read from their profile: the
/// skills they hold with levels, the job titles they aim for, and their job
/// preferences.
///
/// Held skills and their levels are read as the AI service's analysis reads a
/// profile: the `x-careergini` skills first (a stated level, else years of use
/// through `ExperienceLevels.level(forYears:)`), then the JSON Resume skill
/// lists (names and keywords, with the group's proficiency word as the level
/// when nothing better is known). Running text is not read again here:
/// profile-service already gathers the skills its résumé text shows into
/// `x-careergini`.
struct RecommendationProfile: Sendable {
    /// Taxonomy ids, in the order first seen (`SkillRelations` credits implied
    /// skills to the first holder).
    var heldSkills: [String]
    /// 1 … 5, for held skills whose level is known.
    var levels: [String: Int]
    /// The titles a posting's title is compared with.
    var titles: [TitlePhrase]
    var preferences: JobPreferences?

    /// A title the person aims for or holds, and what it is to them.
    struct TitlePhrase: Sendable, Equatable {
        enum Origin: Sendable, Equatable {
            case targetRole
            case headline
            case position
        }

        var text: String
        var origin: Origin
        /// The role's own title, for a target role's alias: reasons name the role.
        var roleTitle: String?
        /// Whether the candidate title search uses its words (aliases only refine the score).
        var searched: Bool
    }

    /// Nothing to match on: no skills and no titles.
    var isEmpty: Bool { heldSkills.isEmpty && titles.isEmpty }

    init(heldSkills: [String], levels: [String: Int], titles: [TitlePhrase], preferences: JobPreferences?) {
        self.heldSkills = heldSkills
        self.levels = levels
        self.titles = titles
        self.preferences = preferences
    }

    init(resume: Resume, taxonomy: Taxonomy) {
        var held: [String] = []
        var stated: [String: Int] = [:]
        var groupLevels: [String: Int] = [:]
        func hold(_ id: String) {
            if !held.contains(id) { held.append(id) }
        }

        for skill in resume.careergini?.skills ?? [] {
            guard let id = taxonomy.skill(skill.id)?.id ?? taxonomy.skillId(for: skill.id) else { continue }
            hold(id)
            if let level = skill.level {
                stated[id] = min(5, max(1, level))
            } else if let years = skill.years, years >= 0 {
                stated[id] = ExperienceLevels.level(forYears: years)
            }
        }
        for group in resume.skills ?? [] {
            let level = group.level.flatMap(ExperienceLevels.proficiencyLevel)
            for text in [group.name].compactMap({ $0 }) + (group.keywords ?? []) {
                let ids = taxonomy.skillId(for: text).map { [$0] } ?? taxonomy.extractSkills(from: text).map(\.skillId)
                for id in ids {
                    hold(id)
                    if let level { groupLevels[id] = max(groupLevels[id] ?? 0, level) }
                }
            }
        }
        var levels = groupLevels
        levels.merge(stated) { _, stated in stated }

        self.init(
            heldSkills: held, levels: levels, titles: Self.titles(of: resume, taxonomy: taxonomy),
            preferences: resume.careergini?.preferences)
    }

    /// Target roles (a role's title and aliases, or the text as written), the
    /// headline, and the latest position.
    private static func titles(of resume: Resume, taxonomy: Taxonomy) -> [TitlePhrase] {
        var titles: [TitlePhrase] = []
        func add(_ text: String?, _ origin: TitlePhrase.Origin, roleTitle: String? = nil, searched: Bool = true) {
            guard let text, !RoleTitleMatcher.words(text).isEmpty else { return }
            titles.append(TitlePhrase(text: text, origin: origin, roleTitle: roleTitle, searched: searched))
        }
        for target in resume.careergini?.targetRoles ?? [] {
            if let role = taxonomy.role(target) {
                add(role.title, .targetRole, roleTitle: role.title)
                for alias in role.aliases { add(alias, .targetRole, roleTitle: role.title, searched: false) }
            } else {
                add(target, .targetRole)
            }
        }
        add(resume.basics?.label, .headline)
        add(latestPosition(resume.work ?? []), .position)
        return titles
    }

    /// The current job (no end date), else the one that started last.
    static func latestPosition(_ work: [Resume.Work]) -> String? {
        let withPosition = work.filter { $0.position != nil }
        if let current = withPosition.first(where: { ($0.endDate ?? "").isEmpty }) { return current.position }
        return withPosition.max { ($0.startDate ?? "") < ($1.startDate ?? "") }?.position
    }
}
