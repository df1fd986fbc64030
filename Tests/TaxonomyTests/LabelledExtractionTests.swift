import Foundation
import Testing

@testable import Taxonomy

/// Job-description sentences with the skills a careful reader finds in them.
/// Precision and recall over the set are printed, and the test fails below
/// the thresholds: precision is what users notice (an invented requirement),
/// so its bar is higher.
@Suite("taxonomy: extraction on labelled job-description sentences")
struct LabelledExtractionTests {
    static let cases: [(String, Set<String>)] = [
        ("5+ years building backend services in Python and Go.", ["python", "go"]),
        ("Experience with PostgreSQL, Redis and Kafka in production.", ["postgresql", "redis", "kafka"]),
        ("You will own our go-to-market analytics with SQL and Looker.", ["go-to-market", "sql", "looker"]),
        ("Deploy containers with Docker and Kubernetes (k8s) on AWS.", ["docker", "kubernetes", "aws"]),
        ("Strong JavaScript and TypeScript; React is a must.", ["javascript", "typescript", "react"]),
        ("Infrastructure as code with Terraform and Ansible.", ["infrastructure-as-code", "terraform", "ansible"]),
        ("Build CI/CD pipelines with GitHub Actions or Jenkins.", ["ci-cd", "github-actions", "jenkins"]),
        ("Statistical modelling in R or Python; pandas and NumPy.", ["r", "python", "pandas", "numpy"]),
        ("Train models with PyTorch or TensorFlow.", ["pytorch", "tensorflow"]),
        ("Our R&D team presents results to a C-level audience.", []),
        ("Native iOS development in Swift with SwiftUI.", ["ios", "swift", "swiftui"]),
        ("Android apps in Kotlin using Jetpack Compose.", ["android", "kotlin", "jetpack-compose"]),
        ("Systems programming in C and C++ on Linux.", ["c", "cpp", "linux"]),
        ("Enterprise services on .NET with C#.", ["dotnet", "csharp"]),
        ("APIs in Node.js with Express and GraphQL.", ["nodejs", "express", "graphql"]),
        ("Data pipelines with Apache Spark, Airflow and dbt.", ["data-pipelines", "apache-spark", "airflow", "dbt"]),
        ("Warehouse on Snowflake or BigQuery.", ["snowflake", "bigquery"]),
        ("Monitoring with Prometheus and Grafana.", ["observability", "prometheus", "grafana"]),
        ("Design in Figma; run user research and usability testing.", ["figma", "user-research", "usability-testing"]),
        ("Write end-to-end tests with Cypress or Playwright.", ["cypress", "playwright"]),
        ("Unit tests with pytest and JUnit.", ["unit-testing", "pytest", "junit"]),
        ("We value clear communication and mentoring.", ["communication", "mentoring"]),
        ("Relocation to the Rust Belt is not required.", []),
        ("Memory-safe services in Rust.", ["rust"]),
        ("Go to our careers page to apply.", []),
        ("Familiarity with Azure or GCP is a plus.", ["azure", "gcp"]),
        ("Microservices and REST API design experience.", ["microservices", "rest-api-design"]),
        ("Agile teams practising Scrum and TDD.", ["agile", "scrum", "tdd"]),
        ("Vue.js or Angular on the frontend, HTML and CSS.", ["vue", "angular", "html", "css"]),
        ("Machine learning and NLP for search ranking.", ["machine-learning", "natural-language-processing"]),
        ("Manage stakeholders and drive the product roadmap.", ["stakeholder-management", "product-roadmapping"]),
        ("Secure coding against the OWASP Top 10; threat modelling.", ["secure-coding", "owasp", "threat-modeling"]),
        // Lines as postings write them: bullets, headings, prose that looks like names.
        ("- Terraform or other infrastructure-as-code tools", ["terraform", "infrastructure-as-code"]),
        ("Go to our careers page to see all openings.", []),
        ("- Rust is a plus", ["rust"]),
        ("- React and TypeScript on the frontend", ["react", "typescript"]),
        ("We value swift delivery and clear communication.", ["communication"]),
        ("Nice to have: gRPC, Apache Airflow and Spark.", ["grpc", "airflow", "apache-spark"]),
        ("Build iOS apps in Swift and SwiftUI.", ["ios", "swift", "swiftui"]),
        ("Dashboards in Tableau; models with scikit-learn.", ["dashboards", "tableau", "scikit-learn"]),
        ("CI with GitHub Actions, deploys twice a day.", ["github-actions"]),
        ("Our R&D team works closely with a C-level audience in the Rust Belt.", []),
    ]

    @Test("precision and recall on 42 labelled sentences")
    func precisionAndRecall() throws {
        let taxonomy = try Taxonomy.bundled()
        var truePositives = 0
        var falsePositives: [String] = []
        var falseNegatives: [String] = []
        for (sentence, expected) in Self.cases {
            // Labels that name no skill in the data are a broken test, not a miss.
            for id in expected { #expect(taxonomy.skill(id) != nil, "label \(id) is not a skill") }
            let found = Set(taxonomy.extractSkills(from: sentence).map(\.skillId))
            truePositives += found.intersection(expected).count
            falsePositives += found.subtracting(expected).map { "\($0) in \"\(sentence)\"" }
            falseNegatives += expected.subtracting(found).map { "\($0) in \"\(sentence)\"" }
        }
        let precision = Double(truePositives) / Double(max(1, truePositives + falsePositives.count))
        let recall = Double(truePositives) / Double(max(1, truePositives + falseNegatives.count))
        print("taxonomy extraction: precision \(precision), recall \(recall)")
        print("false positives: \(falsePositives)")
        print("false negatives: \(falseNegatives)")
        #expect(precision >= 0.95, "false positives: \(falsePositives)")
        #expect(recall >= 0.85, "false negatives: \(falseNegatives)")
    }
}
