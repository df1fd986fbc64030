import Contracts
import Foundation
import HTTPTypes
import ServiceKit
import Taxonomy
import Testing

@testable import LearningService

@Suite struct ResourceListQueryTests {
    static let taxonomy = try! Taxonomy.bundled()

    static func query(
        _ parameters: [String: [String]], acceptLanguage: String? = nil
    ) throws -> ResourceListQuery {
        try ResourceListQuery({ parameters[$0] ?? [] }, acceptLanguage: acceptLanguage, taxonomy: taxonomy)
    }

    static func key(_ query: ResourceListQuery, levels: [String: Int] = [:]) -> String {
        query.cacheKey(query.rankingContext(learnerLevels: levels))
    }

    @Test func spellingsOfOneRequestShareACacheKey() throws {
        let plain = try Self.query(["skill": ["kubernetes,docker"], "prefer": ["video,course"]])
        #expect(plain.skills == ["kubernetes", "docker"])
        #expect(plain.preferredTypes == [.video, .course])
        let spelled = try Self.query([
            "skill": [" K8s ", "Docker,kubernetes"], "prefer": ["Course", "video,video"], "limit": ["20"],
        ])
        #expect(spelled == plain)
        #expect(Self.key(spelled) == Self.key(plain))
        // The first skill matters most, so the order is kept and is part of the key.
        let reversed = try Self.query(["skill": ["docker,kubernetes"], "prefer": ["video,course"]])
        #expect(Self.key(reversed) != Self.key(plain))
        #expect(Self.key(try Self.query(["skill": ["kubernetes"]])) != Self.key(try Self.query([:])))
    }

    @Test func theKeyHoldsTheLevelThatSuitsTheLearnerInTheAskedSkillsOnly() throws {
        let query = try Self.query(["skill": ["kubernetes"]])
        let newcomer = Self.key(query)
        #expect(Self.key(query, levels: ["kubernetes": 1]) == newcomer)
        #expect(Self.key(query, levels: ["python": 5]) == newcomer)
        let intermediate = Self.key(query, levels: ["kubernetes": 2])
        #expect(intermediate != newcomer)
        #expect(Self.key(query, levels: ["kubernetes": 3, "go": 4]) == intermediate)
        let advanced = Self.key(query, levels: ["kubernetes": 4])
        #expect(advanced != intermediate && advanced != newcomer)
        #expect(Self.key(query, levels: ["kubernetes": 5]) == advanced)
    }

    @Test func filtersAndLanguagesAreReadAndCanonical() throws {
        let query = try Self.query([
            "level": ["Intermediate"], "type": ["VIDEO"], "free": ["1"], "lang": ["DE"], "limit": ["5"],
        ])
        #expect(query.filter == ResourceStore.Filter(level: .intermediate, type: .video, free: true, language: "de"))
        #expect(query.limit == 5)
        #expect(query.readLanguages == ["de"])
        #expect(try Self.query(["free": ["false"]]).free == false)
        #expect(try Self.query([:]).limit == ResourceListQuery.defaultLimit)
        // Empty values are absent ones, as a form with empty fields sends them.
        #expect(try Self.query(["skill": [""], "level": [""], "lang": [""]]) == Self.query([:]))
    }

    @Test func skillsAreResolvedThroughTheTaxonomy() throws {
        #expect(try Self.query(["skill": ["c++"]]).skills == ["cpp"])
        // A form writes a space as "+".
        #expect(try Self.query(["skill": ["machine+learning"]]).skills == ["machine-learning"])
        #expect(try Self.query(["skill": ["Machine Learning", "ml"]]).skills == ["machine-learning"])
        #expect(try Self.query(["skill": ["JS"]]).skills == ["javascript"])
    }

    @Test func everyMalformedParameterIsNamedInOne400() throws {
        do {
            _ = try Self.query([
                "level": ["expert"], "type": ["podcast"], "free": ["maybe"], "lang": ["eng"], "prefer": ["video,quiz"],
                "limit": ["51"],
            ])
            Issue.record("expected a 400")
        } catch let error as ServiceError {
            #expect(error.status == .badRequest)
            #expect(error.fieldErrors.map(\.pointer) == ["/level", "/type", "/free", "/lang", "/prefer", "/limit"])
            #expect(error.fieldErrors.first { $0.pointer == "/prefer" }?.reason.contains("'quiz'") == true)
        }
        #expect(throws: ServiceError.self) {
            _ = try Self.query(["skill": [String(repeating: "x", count: 101)]])
        }
    }

    @Test func tooManySkillsIs400AndUnknownSkillsAre422NamingThem() throws {
        do {
            _ = try Self.query([
                "skill": ["python,go,java,rust,swift,kotlin,ruby,php,scala,elixir,haskell"]
            ])
            Issue.record("expected a 400")
        } catch let error as ServiceError {
            #expect(error.status == .badRequest)
            #expect(error.fieldErrors.map(\.pointer) == ["/skill"])
        }
        do {
            _ = try Self.query(["skill": ["kubernetes, basket weaving ,frobnication"]])
            Issue.record("expected a 422")
        } catch let error as ServiceError {
            #expect(error.status == .unprocessableContent)
            #expect(error.detail?.hasPrefix("'basket weaving', 'frobnication' are not skills we know") == true)
            #expect(error.fieldErrors.count == 2)
        }
    }

    @Test func acceptLanguageGivesTheLanguagesTheCallerReads() throws {
        #expect(
            ResourceListQuery.languages(acceptLanguage: "fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5") == [
                "fr", "en", "de",
            ])
        #expect(ResourceListQuery.languages(acceptLanguage: "en-GB,de;q=0") == ["en"])
        #expect(ResourceListQuery.languages(acceptLanguage: "*") == [])
        #expect(ResourceListQuery.languages(acceptLanguage: nil) == [])
        #expect(ResourceListQuery.languages(acceptLanguage: "zh-Hant-TW;q=0.5, gsw") == ["zh"])
        // An explicit lang decides alone.
        #expect(try Self.query(["lang": ["es"]], acceptLanguage: "en").readLanguages == ["es"])
        #expect(try Self.query([:], acceptLanguage: "en-US").readLanguages == ["en"])
    }
}
