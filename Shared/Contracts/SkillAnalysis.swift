/// `POST /skills/analyze`: compare a person's skills with one target, a
/// taxonomy role, a free-text job title or a job description.
public struct SkillAnalysisRequest: Codable, Sendable, Equatable {
    /// The résumé to read; when absent and `skills` is absent too, the service
    /// reads the caller's stored profile.
    public var profile: Resume?
    /// An explicit skill list, instead of (or on top of) a résumé.
    public var skills: [SkillInput]?
    /// Exactly one of `roleId`, `title` and `jobDescription` names the target.
    public var roleId: String?
    /// A job title ("Senior Backend Engineer"), matched to the closest taxonomy role.
    public var title: String?
    /// A posting's text; its requirements are read from it.
    public var jobDescription: String?
    /// Whether to add a model-written narrative; true when absent.
    public var useModel: Bool?

    public init(
        profile: Resume? = nil, skills: [SkillInput]? = nil, roleId: String? = nil, title: String? = nil,
        jobDescription: String? = nil, useModel: Bool? = nil
    ) {
        self.profile = profile
        self.skills = skills
        self.roleId = roleId
        self.title = title
        self.jobDescription = jobDescription
        self.useModel = useModel
    }
}

/// One skill a person names: a taxonomy id or any spelling of it ("JS", "k8s").
public struct SkillInput: Codable, Sendable, Equatable {
    public var name: String
    /// 1 (aware) … 5 (expert), when known.
    public var level: Int?

    public init(name: String, level: Int? = nil) {
        self.name = name
        self.level = level
    }
}

/// Whether a target lists a skill as a must-have or a nice-to-have.
public enum SkillImportance: String, Codable, Sendable, Equatable {
    case required
    case preferred
}

/// Where a skill was seen in text: the field as a JSON Pointer into the request
/// ("/jobDescription", "/skills/2/name", "/profile/work/0/highlights/1"; résumé
/// fields are under "/profile" also when the service read the stored profile),
/// the words as written, and their UTF-16 offset and length within that field.
public struct TextSpan: Codable, Sendable, Equatable {
    public var pointer: String
    public var text: String
    public var start: Int
    public var length: Int

    public init(pointer: String, text: String, start: Int, length: Int) {
        self.pointer = pointer
        self.text = text
        self.start = start
        self.length = length
    }
}

/// The answer of `POST /skills/analyze`. Everything but `narrative` and `llm`
/// comes from the taxonomy and fixed rules, so it is the same with or without a model.
public struct SkillAnalysisResponse: Codable, Sendable, Equatable {
    public var target: SkillAnalysisTarget
    /// Target skills the person has, in target order.
    public var matched: [MatchedSkill]
    public var missingRequired: [MissingSkill]
    public var missingPreferred: [MissingSkill]
    /// Matched skills held below the level the target asks for.
    public var levelGaps: [LevelGap]
    public var score: MatchScore
    /// What to learn, in order: every prerequisite before the skills that build on it.
    public var nextSteps: [NextStep]
    /// Entries of the explicit skill list that name no known skill.
    public var unrecognizedSkills: [String]
    public var narrative: String?
    public var llm: LLMUsage

    public init(
        target: SkillAnalysisTarget, matched: [MatchedSkill], missingRequired: [MissingSkill],
        missingPreferred: [MissingSkill], levelGaps: [LevelGap], score: MatchScore, nextSteps: [NextStep],
        unrecognizedSkills: [String], narrative: String? = nil, llm: LLMUsage
    ) {
        self.target = target
        self.matched = matched
        self.missingRequired = missingRequired
        self.missingPreferred = missingPreferred
        self.levelGaps = levelGaps
        self.score = score
        self.nextSteps = nextSteps
        self.unrecognizedSkills = unrecognizedSkills
        self.narrative = narrative
        self.llm = llm
    }
}

/// What the person was compared with, as resolved.
public struct SkillAnalysisTarget: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, Equatable {
        case role
        case title
        case jobDescription
    }

    public var kind: Kind
    /// The taxonomy role: the one asked for, the one a title matched, or the one a
    /// job description's first line names (informational there).
    public var roleId: String?
    public var title: String?
    /// Seniority the target asks for, 1 (entry) … 5 (principal), when known.
    public var level: Int?
    /// The skills the target asks for, required first, each with the level it needs.
    public var requirements: [SkillRequirement]

    public init(
        kind: Kind, roleId: String? = nil, title: String? = nil, level: Int? = nil,
        requirements: [SkillRequirement]
    ) {
        self.kind = kind
        self.roleId = roleId
        self.title = title
        self.level = level
        self.requirements = requirements
    }
}

/// One skill a target asks for.
public struct SkillRequirement: Codable, Sendable, Equatable {
    public var skillId: String
    public var name: String
    public var category: String
    public var importance: SkillImportance
    /// The level it needs, 1 … 5, when the target says or implies one.
    public var level: Int?
    /// Where a job description names it; empty for roles.
    public var spans: [TextSpan]

    public init(
        skillId: String, name: String, category: String, importance: SkillImportance, level: Int? = nil,
        spans: [TextSpan] = []
    ) {
        self.skillId = skillId
        self.name = name
        self.category = category
        self.importance = importance
        self.level = level
        self.spans = spans
    }
}

/// A target skill the person has.
public struct MatchedSkill: Codable, Sendable, Equatable {
    public enum Match: String, Codable, Sendable, Equatable {
        /// The person names this skill.
        case exact
        /// The person names a skill that builds on this one (PostgreSQL → SQL).
        case implied
    }

    public var skillId: String
    public var name: String
    public var category: String
    public var importance: SkillImportance
    public var match: Match
    /// For `implied`: the held skill that builds on this one.
    public var via: String?
    /// The person's level, when a source states or implies one.
    public var level: Int?
    public var requiredLevel: Int?
    public var years: Double?
    public var lastUsed: String?
    public var evidence: [SkillEvidence]
    public var spans: [TextSpan]

    public init(
        skillId: String, name: String, category: String, importance: SkillImportance, match: Match,
        via: String? = nil, level: Int? = nil, requiredLevel: Int? = nil, years: Double? = nil,
        lastUsed: String? = nil, evidence: [SkillEvidence] = [], spans: [TextSpan] = []
    ) {
        self.skillId = skillId
        self.name = name
        self.category = category
        self.importance = importance
        self.match = match
        self.via = via
        self.level = level
        self.requiredLevel = requiredLevel
        self.years = years
        self.lastUsed = lastUsed
        self.evidence = evidence
        self.spans = spans
    }
}

/// A target skill the person lacks.
public struct MissingSkill: Codable, Sendable, Equatable {
    public var skillId: String
    public var name: String
    public var category: String
    public var requiredLevel: Int?
    /// A closely related skill the person has, which earns half credit.
    public var relatedHeld: String?
    /// 0, or 0.5 when `relatedHeld` is set.
    public var credit: Double

    public init(
        skillId: String, name: String, category: String, requiredLevel: Int? = nil, relatedHeld: String? = nil,
        credit: Double = 0
    ) {
        self.skillId = skillId
        self.name = name
        self.category = category
        self.requiredLevel = requiredLevel
        self.relatedHeld = relatedHeld
        self.credit = credit
    }
}

/// A held skill below the level the target needs.
public struct LevelGap: Codable, Sendable, Equatable {
    public var skillId: String
    public var name: String
    public var importance: SkillImportance
    public var have: Int
    public var need: Int

    public init(skillId: String, name: String, importance: SkillImportance, have: Int, need: Int) {
        self.skillId = skillId
        self.name = name
        self.importance = importance
        self.have = have
        self.need = need
    }
}

/// The match score and every number it is made of, so a client can show why.
public struct MatchScore: Codable, Sendable, Equatable {
    /// 0 … 100, after the cap.
    public var value: Int
    /// 0 … 100, before the cap.
    public var uncapped: Int
    /// The formula in words, with the weights used.
    public var formula: String
    /// Fraction of required skills covered (partial credit counted); nil when the target requires none.
    public var requiredCoverage: Double?
    /// Fraction of preferred skills covered; nil when the target prefers none.
    public var preferredCoverage: Double?
    /// Mean of min(1, have ÷ need) over matched skills where both levels are known; nil when none are.
    public var levelFit: Double?
    /// The weights applied: a component that is nil gives its weight to the others.
    public var weights: Weights
    /// In force when a required skill is missing.
    public var cap: Cap?

    public init(
        value: Int, uncapped: Int, formula: String, requiredCoverage: Double?, preferredCoverage: Double?,
        levelFit: Double?, weights: Weights, cap: Cap?
    ) {
        self.value = value
        self.uncapped = uncapped
        self.formula = formula
        self.requiredCoverage = requiredCoverage
        self.preferredCoverage = preferredCoverage
        self.levelFit = levelFit
        self.weights = weights
        self.cap = cap
    }

    public struct Weights: Codable, Sendable, Equatable {
        public var required: Double
        public var preferred: Double
        public var level: Double

        public init(required: Double, preferred: Double, level: Double) {
            self.required = required
            self.preferred = preferred
            self.level = level
        }
    }

    public struct Cap: Codable, Sendable, Equatable {
        /// The highest score allowed.
        public var limit: Int
        /// Whether the cap lowered the score.
        public var applied: Bool
        public var reason: String

        public init(limit: Int, applied: Bool, reason: String) {
            self.limit = limit
            self.applied = applied
            self.reason = reason
        }
    }
}

/// One step of the learning plan.
public struct NextStep: Codable, Sendable, Equatable {
    public enum Action: String, Codable, Sendable, Equatable {
        /// A skill the person lacks.
        case learn
        /// A skill the person has below the level needed.
        case levelUp
    }

    public enum Importance: String, Codable, Sendable, Equatable {
        case required
        case preferred
        /// Not asked for by the target, but a target skill builds on it.
        case prerequisite
    }

    /// 1-based position.
    public var order: Int
    public var skillId: String
    public var name: String
    public var category: String
    public var action: Action
    public var importance: Importance
    public var reason: String
    public var estimatedHours: Int
    public var fromLevel: Int?
    public var toLevel: Int
    /// Prerequisites the person still lacks; each is an earlier step.
    public var prerequisites: [String]
    /// Target skills that build on this one.
    public var unlocks: [String]

    public init(
        order: Int, skillId: String, name: String, category: String, action: Action, importance: Importance,
        reason: String, estimatedHours: Int, fromLevel: Int? = nil, toLevel: Int, prerequisites: [String] = [],
        unlocks: [String] = []
    ) {
        self.order = order
        self.skillId = skillId
        self.name = name
        self.category = category
        self.action = action
        self.importance = importance
        self.reason = reason
        self.estimatedHours = estimatedHours
        self.fromLevel = fromLevel
        self.toLevel = toLevel
        self.prerequisites = prerequisites
        self.unlocks = unlocks
    }
}
