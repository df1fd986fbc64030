import Foundation

/// A résumé in JSON Resume v1.2.1 form (https://jsonresume.org/schema), plus the
/// `x-careergini` extension. Every field is optional, as in the schema; dates are
/// the schema's ISO 8601 partial dates ("2020", "2020-03", "2020-03-14") kept as text.
public struct Resume: Codable, Sendable, Equatable {
    public var basics: Basics?
    public var work: [Work]?
    public var volunteer: [Work]?
    public var education: [Education]?
    public var awards: [Award]?
    public var certificates: [Certificate]?
    public var publications: [Publication]?
    public var skills: [SkillGroup]?
    public var languages: [Language]?
    public var interests: [Interest]?
    public var references: [Reference]?
    public var projects: [Project]?
    public var meta: Meta?
    public var careergini: CareerginiExtension?

    enum CodingKeys: String, CodingKey {
        case basics, work, volunteer, education, awards, certificates, publications, skills, languages, interests,
            references, projects, meta
        case careergini = "x-careergini"
    }

    public init(
        basics: Basics? = nil, work: [Work]? = nil, volunteer: [Work]? = nil, education: [Education]? = nil,
        awards: [Award]? = nil, certificates: [Certificate]? = nil, publications: [Publication]? = nil,
        skills: [SkillGroup]? = nil, languages: [Language]? = nil, interests: [Interest]? = nil,
        references: [Reference]? = nil, projects: [Project]? = nil, meta: Meta? = nil,
        careergini: CareerginiExtension? = nil
    ) {
        self.basics = basics
        self.work = work
        self.volunteer = volunteer
        self.education = education
        self.awards = awards
        self.certificates = certificates
        self.publications = publications
        self.skills = skills
        self.languages = languages
        self.interests = interests
        self.references = references
        self.projects = projects
        self.meta = meta
        self.careergini = careergini
    }

    public struct Basics: Codable, Sendable, Equatable {
        public var name: String?
        public var label: String?
        public var image: String?
        public var email: String?
        public var phone: String?
        public var url: String?
        public var summary: String?
        public var location: Location?
        public var profiles: [Profile]?

        public init(
            name: String? = nil, label: String? = nil, image: String? = nil, email: String? = nil,
            phone: String? = nil, url: String? = nil, summary: String? = nil, location: Location? = nil,
            profiles: [Profile]? = nil
        ) {
            self.name = name
            self.label = label
            self.image = image
            self.email = email
            self.phone = phone
            self.url = url
            self.summary = summary
            self.location = location
            self.profiles = profiles
        }
    }

    public struct Location: Codable, Sendable, Equatable {
        public var address: String?
        public var postalCode: String?
        public var city: String?
        public var countryCode: String?
        public var region: String?

        public init(
            address: String? = nil, postalCode: String? = nil, city: String? = nil, countryCode: String? = nil,
            region: String? = nil
        ) {
            self.address = address
            self.postalCode = postalCode
            self.city = city
            self.countryCode = countryCode
            self.region = region
        }
    }

    public struct Profile: Codable, Sendable, Equatable {
        public var network: String?
        public var username: String?
        public var url: String?

        public init(network: String? = nil, username: String? = nil, url: String? = nil) {
            self.network = network
            self.username = username
            self.url = url
        }
    }

    /// A `work` (or `volunteer`) entry; volunteer entries name the organisation
    /// in `organization`, as the schema has it.
    public struct Work: Codable, Sendable, Equatable {
        public var name: String?
        public var organization: String?
        public var location: String?
        public var description: String?
        public var position: String?
        public var url: String?
        public var startDate: String?
        public var endDate: String?
        public var summary: String?
        public var highlights: [String]?

        public init(
            name: String? = nil, location: String? = nil, description: String? = nil, position: String? = nil,
            url: String? = nil, startDate: String? = nil, endDate: String? = nil, summary: String? = nil,
            highlights: [String]? = nil, organization: String? = nil
        ) {
            self.name = name
            self.organization = organization
            self.location = location
            self.description = description
            self.position = position
            self.url = url
            self.startDate = startDate
            self.endDate = endDate
            self.summary = summary
            self.highlights = highlights
        }
    }

    public struct Education: Codable, Sendable, Equatable {
        public var institution: String?
        public var url: String?
        public var area: String?
        public var studyType: String?
        public var startDate: String?
        public var endDate: String?
        public var score: String?
        public var courses: [String]?

        public init(
            institution: String? = nil, url: String? = nil, area: String? = nil, studyType: String? = nil,
            startDate: String? = nil, endDate: String? = nil, score: String? = nil, courses: [String]? = nil
        ) {
            self.institution = institution
            self.url = url
            self.area = area
            self.studyType = studyType
            self.startDate = startDate
            self.endDate = endDate
            self.score = score
            self.courses = courses
        }
    }

    public struct Award: Codable, Sendable, Equatable {
        public var title: String?
        public var date: String?
        public var awarder: String?
        public var summary: String?

        public init(title: String? = nil, date: String? = nil, awarder: String? = nil, summary: String? = nil) {
            self.title = title
            self.date = date
            self.awarder = awarder
            self.summary = summary
        }
    }

    public struct Certificate: Codable, Sendable, Equatable {
        public var name: String?
        public var date: String?
        public var url: String?
        public var issuer: String?

        public init(name: String? = nil, date: String? = nil, url: String? = nil, issuer: String? = nil) {
            self.name = name
            self.date = date
            self.url = url
            self.issuer = issuer
        }
    }

    public struct Publication: Codable, Sendable, Equatable {
        public var name: String?
        public var publisher: String?
        public var releaseDate: String?
        public var url: String?
        public var summary: String?

        public init(
            name: String? = nil, publisher: String? = nil, releaseDate: String? = nil, url: String? = nil,
            summary: String? = nil
        ) {
            self.name = name
            self.publisher = publisher
            self.releaseDate = releaseDate
            self.url = url
            self.summary = summary
        }
    }

    public struct SkillGroup: Codable, Sendable, Equatable {
        public var name: String?
        public var level: String?
        public var keywords: [String]?

        public init(name: String? = nil, level: String? = nil, keywords: [String]? = nil) {
            self.name = name
            self.level = level
            self.keywords = keywords
        }
    }

    public struct Language: Codable, Sendable, Equatable {
        public var language: String?
        public var fluency: String?

        public init(language: String? = nil, fluency: String? = nil) {
            self.language = language
            self.fluency = fluency
        }
    }

    public struct Interest: Codable, Sendable, Equatable {
        public var name: String?
        public var keywords: [String]?

        public init(name: String? = nil, keywords: [String]? = nil) {
            self.name = name
            self.keywords = keywords
        }
    }

    public struct Reference: Codable, Sendable, Equatable {
        public var name: String?
        public var reference: String?

        public init(name: String? = nil, reference: String? = nil) {
            self.name = name
            self.reference = reference
        }
    }

    public struct Project: Codable, Sendable, Equatable {
        public var name: String?
        public var description: String?
        public var highlights: [String]?
        public var keywords: [String]?
        public var startDate: String?
        public var endDate: String?
        public var url: String?
        public var roles: [String]?
        public var entity: String?
        public var type: String?

        public init(
            name: String? = nil, description: String? = nil, highlights: [String]? = nil, keywords: [String]? = nil,
            startDate: String? = nil, endDate: String? = nil, url: String? = nil, roles: [String]? = nil,
            entity: String? = nil, type: String? = nil
        ) {
            self.name = name
            self.description = description
            self.highlights = highlights
            self.keywords = keywords
            self.startDate = startDate
            self.endDate = endDate
            self.url = url
            self.roles = roles
            self.entity = entity
            self.type = type
        }
    }

    public struct Meta: Codable, Sendable, Equatable {
        public var canonical: String?
        public var version: String?
        public var lastModified: String?

        public init(canonical: String? = nil, version: String? = nil, lastModified: String? = nil) {
            self.canonical = canonical
            self.version = version
            self.lastModified = lastModified
        }
    }
}

/// CareerGini's own part of a profile: skills normalised to taxonomy ids with
/// their evidence, the roles the user aims for, and job preferences.
public struct CareerginiExtension: Codable, Sendable, Equatable {
    public var skills: [ProfileSkill]?
    public var targetRoles: [String]?
    public var preferences: JobPreferences?

    public init(skills: [ProfileSkill]? = nil, targetRoles: [String]? = nil, preferences: JobPreferences? = nil) {
        self.skills = skills
        self.targetRoles = targetRoles
        self.preferences = preferences
    }
}

/// One skill a person has, by taxonomy id.
public struct ProfileSkill: Codable, Sendable, Equatable {
    public var id: String
    /// 1 (aware) … 5 (expert), when known.
    public var level: Int?
    public var years: Double?
    /// ISO 8601 partial date ("2024-05") of the latest use, when known.
    public var lastUsed: String?
    public var evidence: [SkillEvidence]?

    public init(
        id: String, level: Int? = nil, years: Double? = nil, lastUsed: String? = nil, evidence: [SkillEvidence]? = nil
    ) {
        self.id = id
        self.level = level
        self.years = years
        self.lastUsed = lastUsed
        self.evidence = evidence
    }
}

/// Where a skill was seen: the source ("resume", "linkedin", "github", "user",
/// "learning"), the text that shows it, and when.
public struct SkillEvidence: Codable, Sendable, Equatable {
    public var source: String
    public var text: String?
    public var date: String?

    public init(source: String, text: String? = nil, date: String? = nil) {
        self.source = source
        self.text = text
        self.date = date
    }
}

public struct JobPreferences: Codable, Sendable, Equatable {
    public var locations: [String]?
    public var remote: Bool?
    public var salaryMin: Int?
    public var salaryCurrency: String?
    public var jobTypes: [String]?

    public init(
        locations: [String]? = nil, remote: Bool? = nil, salaryMin: Int? = nil, salaryCurrency: String? = nil,
        jobTypes: [String]? = nil
    ) {
        self.locations = locations
        self.remote = remote
        self.salaryMin = salaryMin
        self.salaryCurrency = salaryCurrency
        self.jobTypes = jobTypes
    }
}
