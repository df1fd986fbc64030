import Contracts
import CurlHTTP
import Database
import Foundation
import RedisKit
import ServiceKit
import Taxonomy
import TestSupport
import Testing

@testable import JobService

#if canImport(Glibc)
import Glibc
#endif

/// Timing numbers for job-service, run by `scripts/bench-suites.sh`: ingestion
/// through the whole pipeline, then search and recommendations over 100,000
/// postings against the real job-service binary. Skipped unless
/// `CAREERGINI_BENCH=1`; results go to `bench-results/jobs.txt`.
@Suite(
    "job-service benchmarks", .serialized,
    .enabled(if: ProcessInfo.processInfo.environment["CAREERGINI_BENCH"] == "1"))
struct JobBenchmarks {
    static let report = BenchReport(file: "jobs.txt", title: "job-service")
    static let postingCount = 100_000

    @Test("ingestion: drafts through normalisation into PostgreSQL, and the store alone")
    func ingestion() async throws {
        let database = try await JobDatabase.make()
        defer { Task { await database.close() } }
        let taxonomy = try Taxonomy.bundled()
        let sample = try SamplePostings.bundled()
        // Three copies of the bundled sample with their own ids: 1,008 realistic postings.
        let drafts = (0..<3).flatMap { copy in
            sample.map { draft in
                var draft = draft
                draft.externalId += "-\(copy)"
                draft.source = "import"
                return draft
            }
        }
        let ingestor = PostingIngestor(
            store: PostingStore(database: database.pool), normalizer: PostingNormalizer(taxonomy: taxonomy),
            taxonomy: taxonomy, onChange: {}, logger: TestEnvironment.logger)
        let clock = ContinuousClock()
        var report: IngestReport?
        let pipeline = try await clock.measure {
            report = try await ingestor.ingest(drafts, sourceKey: nil, closeMissing: false)
        }
        #expect(report?.created == drafts.count)
        var unchangedReport: IngestReport?
        let again = try await clock.measure {
            unchangedReport = try await ingestor.ingest(drafts, sourceKey: nil, closeMissing: false)
        }
        #expect(unchangedReport?.unchanged == drafts.count)

        let normalised = try Self.normalisedSample(taxonomy: taxonomy)
        let store = PostingStore(database: database.pool)
        let generated = Self.generate(10_000, from: normalised, offset: 1_000_000)
        let storeOnly = try await clock.measure {
            _ = try await store.save(generated, skillText: { _ in "" }, sourceKey: nil, closeMissing: false)
        }
        func rate(_ count: Int, _ duration: Duration) -> String {
            String(format: "%.0f postings/s", Double(count) / duration.seconds)
        }
        Self.report.record(
            order: 1, title: "Ingestion",
            lines: [
                "\(drafts.count) drafts (the bundled sample three times) through PostingIngestor: HTML sanitising,",
                "salary, workplace, seniority, taxonomy skills (required vs preferred), dedupe key, batched upsert.",
                "",
                BenchReport.row(["step", "time", "rate"], width: 20),
                BenchReport.row(
                    ["new postings, whole pipeline", BenchReport.milliseconds(pipeline), rate(drafts.count, pipeline)],
                    width: 20),
                BenchReport.row(
                    ["the same again (all unchanged)", BenchReport.milliseconds(again), rate(drafts.count, again)],
                    width: 20),
                BenchReport.row(
                    ["10,000 normalised, store only", BenchReport.milliseconds(storeOnly), rate(10_000, storeOnly)],
                    width: 20),
            ])
    }

    @Test("search and recommendations over 100,000 postings, the real job-service binary")
    func searchAndRecommendations() async throws {
        // JOB_BENCH_DATABASE_URL reuses a database an earlier run loaded (the
        // job-service binary migrates it), to measure a change without reloading.
        let reused = ProcessInfo.processInfo.environment["JOB_BENCH_DATABASE_URL"]
        let database: JobDatabase
        if let reused { database = try await JobDatabase.open(reused) } else { database = try await JobDatabase.make() }
        defer { Task { await database.close() } }
        let taxonomy = try Taxonomy.bundled()
        let normalised = try Self.normalisedSample(taxonomy: taxonomy)
        let store = PostingStore(database: database.pool)
        let clock = ContinuousClock()
        let skillText = PostingNormalizer(taxonomy: taxonomy)
        let loaded = try await store.count()
        let loading = try await clock.measure {
            var start = loaded
            while start < Self.postingCount {
                let batch = Self.generate(min(10_000, Self.postingCount - start), from: normalised, offset: start)
                _ = try await store.save(
                    batch, skillText: { skillText.searchText(for: $0) }, sourceKey: nil, closeMissing: false)
                start += batch.count
            }
        }
        // Unit vectors for every posting, as the embedding worker would store them.
        let vectors = try await clock.measure {
            _ = try await database.pool.query(
                """
                INSERT INTO posting_embeddings (posting_id, model, dimensions, vector, text_hash, updated_at)
                SELECT p.id, 'all-minilm', 384, v.vector, '', now()
                FROM postings p CROSS JOIN LATERAL (
                    SELECT array_agg(x / norm) AS vector FROM (
                        SELECT array_agg(random() - 0.5) AS raw FROM generate_series(1, 384) WHERE p.id IS NOT NULL
                    ) r, LATERAL (SELECT sqrt(sum(y * y)) AS norm FROM unnest(r.raw) y) n, unnest(r.raw) x
                ) v
                WHERE NOT EXISTS (SELECT 1 FROM posting_embeddings e WHERE e.posting_id = p.id)
                """)
            _ = try await database.pool.query("DELETE FROM posting_embedding_jobs")
            _ = try await database.pool.query("VACUUM ANALYZE postings")
        }

        try await FakeProfileService.run { profiles in
            let user = UUID()
            profiles.setProfile(
                RecommendationHarness.resume(
                    skills: ["python", "sql", "postgresql", "docker", "kubernetes", "go"].map {
                        ProfileSkill(id: $0, level: 3)
                    },
                    targetRoles: ["backend-engineer"],
                    preferences: JobPreferences(locations: ["Berlin"], remote: true, salaryMin: 80_000)),
                for: user)
            var vector = (0..<384).map { _ in Float.random(in: -0.5...0.5) }
            let norm = vector.map { $0 * $0 }.reduce(0, +).squareRoot()
            vector = vector.map { $0 / norm }
            profiles.setEmbedding(model: "all-minilm", vector: vector, for: user)

            // As ingestion does after a change: pages an earlier run cached are not this database's any more.
            let redis = try TestEnvironment.makeRedis(commandTimeout: .seconds(2))
            defer { Task { await redis.close() } }
            let cache = SearchCache(
                redis: redis, namespace: try JobServiceHarness.settings(databaseURL: database.url).redisNamespace,
                timeout: .seconds(2))
            await cache.invalidate()
            let service = try await RunningJobService.start(databaseURL: database.url, profileURL: profiles.baseURL)
            defer { service.stop() }
            // Internal tokens live 60 s and the whole run is longer: each load gets one minted for it.
            var token: String {
                JobServiceHarness.tokens.issue(
                    for: RequestIdentity(userId: user, roles: ["user"], service: "gateway"), audience: "job-service")
            }
            let queries = [
                "q=swift%20ios", "q=python%20data", "q=senior%20backend%20engineer&workplace=remote",
                "q=react&location=berlin", "q=kubernetes&type=full_time&salaryMin=90000", "skills=go,docker",
                "q=%22machine%20learning%22", "workplace=hybrid&postedWithin=7d", "q=designer%20-senior",
                "company=Northwind%20Labs", "", "q=devops%20aws&salaryMin=100000",
            ]
            // The first search waits for the posting index the service began loading as it started (timed apart).
            let http = CurlHTTPClient()
            defer { http.shutdown() }
            let indexLoad = try await clock.measure {
                let (response, _) = try await http.data(
                    for: CurlRequest(
                        method: "GET", url: service.base + "/jobs?limit=1", headers: [(InternalTokens.header, token)],
                        timeouts: .init(connect: .seconds(2), total: .seconds(120))))
                #expect(response.status == 200)
            }
            // Warm: the cache fills on the first round and serves the rest, as for users repeating common searches.
            let warm = try await HTTPLoad.run(
                clients: 16, seconds: 8, base: service.base, token: token, paths: queries.map { "/jobs?" + $0 })
            // Cold: the same queries, each asking for a fresh page (`Cache-Control: no-cache`), so every
            // one is worked out. (Only the read of the cached page is skipped; the page is still stored.)
            let fresh = [("Cache-Control", "no-cache")]
            let typical = queries.map { "/jobs?" + $0 }
            let cold = try await HTTPLoad.run(
                clients: 16, seconds: 8, base: service.base, token: token, paths: typical, headers: fresh)
            // Every key new: a postedWithin beyond the postings' 90 days (the same answers) that no
            // request repeats. Two queries become walks over every posting: the 7-day one (its own
            // postedWithin is replaced) and the one without parameters.
            let newKeys = (0..<30_000).map { n in
                let query = queries[n % queries.count].replacingOccurrences(of: "&postedWithin=7d", with: "")
                return "/jobs?" + query + "&postedWithin=\(2_200 + n / queries.count)h"
            }
            let everyKeyNew = try await HTTPLoad.run(
                clients: 16, seconds: 8, base: service.base, token: token, paths: newKeys)
            // New text: every request a two-word search not asked before, so PostgreSQL matches each text.
            let words = [
                "swift", "python", "data", "react", "senior", "backend", "frontend", "kubernetes", "aws", "design",
                "machine", "learning", "engineer", "manager", "security", "mobile", "cloud", "sql", "go", "java",
                "product", "platform", "remote", "analyst", "devops", "ios", "android", "typescript", "rust", "lead",
            ]
            let pairs = words.indices.flatMap { first in
                words.indices.filter { $0 != first }.map { "/jobs?q=\(words[first])%20\(words[$0])" }
            }
            // The cached and fresh loads again from wrk, when installed: the service's latency
            // without the debug libcurl clients' share of the CPUs.
            let warmWrk = try await WrkLoad.run(
                clients: 16, seconds: 8, base: service.base, token: token, paths: typical)
            let coldWrk = try await WrkLoad.run(
                clients: 16, seconds: 8, base: service.base, token: token, paths: typical, headers: fresh)
            let newText = try await HTTPLoad.run(
                clients: 16, seconds: 8, base: service.base, token: token,
                paths: pairs.shuffled())
            let recommendations = try await HTTPLoad.run(
                clients: 1, seconds: 8, base: service.base, token: token, paths: ["/jobs/recommendations?limit=20"])
            let recommendationsLoaded = try await HTTPLoad.run(
                clients: 16, seconds: 8, base: service.base, token: token, paths: ["/jobs/recommendations?limit=20"])
            // Ingestion changes 500 postings: the next search brings the index up to date first.
            var changed = Self.generate(500, from: normalised, offset: 0)
            for index in changed.indices { changed[index].title += " (updated)" }
            _ = try await store.save(
                changed, skillText: { skillText.searchText(for: $0) }, sourceKey: nil, closeMissing: false)
            await cache.invalidate()
            let catchUp = try await clock.measure {
                let (response, _) = try await http.data(
                    for: CurlRequest(
                        method: "GET", url: service.base + "/jobs?limit=1&company=Company%201",
                        headers: [(InternalTokens.header, token)],
                        timeouts: .init(connect: .seconds(2), total: .seconds(60))))
                #expect(response.status == 200)
            }
            // The service's memory with the index loaded: resident now, and at its peak.
            let status = (try? String(contentsOfFile: "/proc/\(service.pid)/status", encoding: .utf8)) ?? ""
            func memory(_ field: String) -> String {
                let line = status.split(separator: "\n").first { $0.hasPrefix(field + ":") } ?? ""
                return line.split(whereSeparator: \.isWhitespace).dropFirst().joined(separator: " ")
            }
            func line(_ name: String, _ result: HTTPLoad.Result) -> String {
                BenchReport.row(
                    [name, String(result.latencies.count), String(format: "%.0f", result.rate)]
                        + BenchReport.percentiles(result.latencies, [50, 95, 99]) + [String(result.failures)],
                    firstWidth: 44, width: 11)
            }
            func line(_ name: String, _ result: WrkLoad.Result?) -> String {
                guard let result else { return name + ": wrk is not installed" }
                return BenchReport.row(
                    [name, String(result.requests), String(format: "%.0f", result.rate)]
                        + [50, 95, 99].map { BenchReport.milliseconds(result.percentiles[$0] ?? .zero) }
                        + [String(result.failures)],
                    firstWidth: 44, width: 11)
            }
            Self.report.record(
                order: 2, title: "Search and recommendations over \(Self.postingCount) postings",
                lines: [
                    "\(Self.postingCount) postings generated from the normalised sample (titles, companies, places,",
                    loaded >= Self.postingCount
                        ? "dates and salaries varied), in a database an earlier run loaded (JOB_BENCH_DATABASE_URL);"
                        : "dates and salaries varied) and saved through PostingStore in \(BenchReport.milliseconds(loading))"
                            + String(format: " (%.0f postings/s);", Double(Self.postingCount) / loading.seconds),
                    "384-dimension vectors for all of them in \(BenchReport.milliseconds(vectors)). The job-service binary",
                    "(\(ProcessInfo.processInfo.environment["JOB_SERVICE_BINARY"] ?? "the debug build beside the tests"))",
                    "(DATABASE_POOL_MAX 10) with the test PostgreSQL and Redis; clients in this process over libcurl;",
                    "everything shares the machine's CPUs. Twelve typical searches (text, filters, skills, phrase, exclusion).",
                    "The service loads its posting index as it starts; the first search, sent as soon as it answered",
                    "/health, answered after \(BenchReport.milliseconds(indexLoad)); afterwards the",
                    "service held \(memory("VmRSS")) resident (peak \(memory("VmHWM"))). After 500 postings changed, the next",
                    "search (catching the index up first) took \(BenchReport.milliseconds(catchUp)).",
                    "",
                    BenchReport.row(
                        ["load", "requests", "req/s", "p50", "p95", "p99", "errors"], firstWidth: 44, width: 11),
                    line("search, 16 clients, cached (repeated queries)", warm),
                    line("search, 16 clients, fresh pages (no-cache)", cold),
                    line("search, 16 clients, every key new", everyKeyNew),
                    line("search, wrk, 16 clients, cached", warmWrk),
                    line("search, wrk, 16 clients, fresh pages", coldWrk),
                    line("search, 16 clients, every text new", newText),
                    line("recommendations, 1 client", recommendations),
                    line("recommendations, 16 clients", recommendationsLoaded),
                ])
            #expect(warm.failures == 0 && cold.failures == 0 && everyKeyNew.failures == 0 && newText.failures == 0)
            #expect((warmWrk?.failures ?? 0) == 0 && (coldWrk?.failures ?? 0) == 0)
            #expect(recommendations.failures == 0 && recommendationsLoaded.failures == 0)
        }
    }

    /// The bundled sample, normalised once.
    static func normalisedSample(taxonomy: Taxonomy) throws -> [NormalizedPosting] {
        let normalizer = PostingNormalizer(taxonomy: taxonomy)
        return try SamplePostings.bundled().map { try normalizer.normalize($0) }
    }

    static let places = [
        "Berlin, Germany", "London, UK", "New York, NY", "San Francisco, CA", "Austin, TX", "Toronto, Canada",
        "Amsterdam, Netherlands", "Bengaluru, India", "Paris, France", "Remote", "Munich, Germany", "Seattle, WA",
    ]
    static let companies = (0..<400).map { "Company \($0)" } + ["Northwind Labs"]

    /// `count` postings varied from `sample`: company, place, date and salary
    /// change, so search and facets see a realistic spread.
    static func generate(_ count: Int, from sample: [NormalizedPosting], offset: Int) -> [NormalizedPosting] {
        let now = Date()
        return (0..<count).map { index in
            let number = offset + index
            var posting = sample[number % sample.count]
            posting.source = "import"
            posting.externalId = "bench-\(number)"
            posting.company = companies[(number / sample.count) % companies.count]
            posting.locations = [places[number % places.count]]
            posting.workplace = posting.locations == ["Remote"] ? .remote : posting.workplace
            posting.postedAt = now.addingTimeInterval(-Double(number % (90 * 24)) * 3_600)
            if var salary = posting.salary {
                let factor = 0.8 + Double(number % 9) * 0.05
                salary.min = salary.min.map { ($0 * factor).rounded() }
                salary.max = salary.max.map { ($0 * factor).rounded() }
                posting.salary = salary
                posting.annualSalaryMin = posting.annualSalaryMin.map { $0 * factor }
                posting.annualSalaryMax = posting.annualSalaryMax.map { $0 * factor }
            }
            posting.sample = false
            posting.dedupeKey = "\(posting.company)|\(posting.title)|\(posting.locations[0])|\(number)".lowercased()
            return posting
        }
    }
}

/// The job-service binary built beside this test bundle, run as main runs it.
struct RunningJobService {
    let pid: pid_t
    let base: String

    static func start(databaseURL: String, profileURL: String) async throws -> RunningJobService {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // JOB_SERVICE_BINARY measures another build, the release one say.
        let binary =
            ProcessInfo.processInfo.environment["JOB_SERVICE_BINARY"]
            ?? folder.appendingPathComponent("job-service").path
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build job-service first")
        let port = FreePort.find()
        var environment = ProcessInfo.processInfo.environment
        environment.merge([
            "DATABASE_URL": databaseURL, "REDIS_URL": try TestEnvironment.redisURL(), "PORT": String(port),
            "HOST": "127.0.0.1", "INTERNAL_SECRET": TestEnvironment.internalSecret, "LOG_LEVEL": "error",
            "AI_SERVICE_URL": JobServiceHarness.closedURL(), "PROFILE_SERVICE_URL": profileURL,
            "JOB_INGEST_INTERVAL_MS": "0", "JOB_SAMPLE_DATA": "false",
        ]) { $1 }
        let pid = try ChildProcess.spawn(binary, [], environment: environment)
        let service = RunningJobService(pid: pid, base: "http://127.0.0.1:\(port)")
        let http = CurlHTTPClient()
        defer { http.shutdown() }
        let deadline = ContinuousClock.now + .seconds(60)
        while (try? await http.data(for: CurlRequest(method: "GET", url: service.base + "/health")).0.status) != 200 {
            guard ContinuousClock.now < deadline else {
                service.stop()
                throw TestEnvironment.Missing(variable: "a running job-service (it did not start in 60 s)")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return service
    }

    func stop() {
        kill(pid, SIGTERM)
        _ = ChildProcess.wait(pid)
    }
}

extension Duration {
    fileprivate var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
