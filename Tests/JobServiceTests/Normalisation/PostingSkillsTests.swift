import Contracts
import SkillMatching
import Taxonomy
import Testing

@testable import JobService

@Suite("posting skills")
struct PostingSkillsTests {
    static let sectionedPosting = """
        <h2>About the role</h2><p>You will build our booking product.</p>
        <h3>Requirements</h3>
        <ul><li>5+ years of experience with PostgreSQL</li><li>Docker and Kubernetes in production</li></ul>
        <h3>Nice to have</h3>
        <ul><li>Terraform</li><li>Experience with Kafka</li></ul>
        <h3>Benefits</h3>
        <ul><li>A Python learning budget</li></ul>
        """

    static func read(title: String, html: String, tags: [String] = []) throws -> PostingSkills {
        PostingSkills.read(
            title: title, description: HTMLSanitizer.sanitize(html).text, tags: tags,
            taxonomy: try NormalisationFixtures.taxonomy.get())
    }

    @Test("Requirements and Nice to have sections; title skills required; benefits ignored")
    func sections() throws {
        let skills = try Self.read(title: "Senior Go Engineer", html: Self.sectionedPosting)
        #expect(skills.required == ["go", "postgresql", "docker", "kubernetes"])
        #expect(skills.preferred == ["terraform", "kafka"])
    }

    @Test("\"X is a plus\" and \"ideally Y\" are preferred, the rest of the sentence required")
    func inlineCues() throws {
        let skills = try Self.read(
            title: "Frontend Engineer",
            html: "<p>We use React and TypeScript every day. GraphQL is a plus.</p>"
                + "<p>You know CSS, and ideally Figma.</p>")
        #expect(skills.required == ["react", "typescript", "css"])
        #expect(skills.preferred == ["graphql", "figma"])
    }

    @Test("a skill the title names stays required when the text only prefers it")
    func titleWins() throws {
        let skills = try Self.read(
            title: "iOS Engineer (Swift)", html: "<p>Nice to have: Swift and Objective-C.</p>")
        #expect(skills.required == ["ios", "swift"])
        #expect(skills.preferred == ["objective-c"])
    }

    @Test("tags naming skills are preferred unless the text already names them")
    func tags() throws {
        let skills = try Self.read(
            title: "Data Engineer", html: "<p>Requirements: Python and SQL.</p>",
            tags: ["Engineering", "python", "k8s", "Remote", "Airflow"])
        #expect(skills.required == ["python", "sql"])
        #expect(skills.preferred == ["kubernetes", "airflow"])
    }

    @Test("the description is read exactly as the AI service's analysis reads it")
    func agreesWithAnalysis() throws {
        let taxonomy = try NormalisationFixtures.taxonomy.get()
        let text = HTMLSanitizer.sanitize(Self.sectionedPosting).text
        let analysis = JobDescriptionRequirements.extract(from: text, taxonomy: taxonomy).requirements
        let skills = PostingSkills.read(title: "", description: text, tags: [], taxonomy: taxonomy)
        #expect(skills.required == analysis.filter { $0.importance == .required }.map(\.skillId))
        #expect(skills.preferred == analysis.filter { $0.importance == .preferred }.map(\.skillId))
        #expect(!skills.required.isEmpty && !skills.preferred.isEmpty)
    }

    @Test("each list is capped")
    func capped() throws {
        let taxonomy = try NormalisationFixtures.taxonomy.get()
        let names = taxonomy.orderedSkillIds.prefix(60).compactMap { taxonomy.skill($0)?.name }
        let html = "<h3>Requirements</h3><ul>" + names.map { "<li>\($0) experience</li>" }.joined() + "</ul>"
        let skills = try Self.read(title: "Engineer", html: html)
        #expect(skills.required.count == PostingSkills.maximumPerList)
    }

    @Test("search text: names and aliases, space-separated")
    func searchText() throws {
        let text = PostingSkills.searchText(
            for: ["go", "kubernetes", "unknown-skill"], taxonomy: try NormalisationFixtures.taxonomy.get())
        #expect(text == "Go golang go lang go programming Kubernetes k8s kube kubectl container orchestration")
    }
}
