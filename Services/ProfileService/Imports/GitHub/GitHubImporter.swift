import Contracts
import Foundation
import Taxonomy

/// Imports a GitHub account: the user, the repositories they own (forks
/// skipped), each repository's languages and topics, into a JSON Resume fragment.
///
/// Rate limits: a limit hit on the user or the first page of repositories fails
/// the import with `.rateLimited` (nothing useful was read). Past that point the
/// import stops early instead of failing half-way: a limit hit on a later page
/// keeps the repositories read so far (the most recently pushed, as GitHub sorts
/// them), and language lookups stop once `rateLimitReserve` requests are left,
/// so the next import's first calls still go through. Repositories whose
/// languages were not read count their main language (part of the listing,
/// costing nothing). Each shortcut is named in `warnings`.
struct GitHubImporter: Sendable {
    struct Limits: Sendable {
        /// Pages of 100 repositories: 10 = the 1,000 most recently pushed.
        var maximumPages = 10
        /// Language lookups in flight at once.
        var languageConcurrency = 8
        /// Repositories (most recently pushed first) whose languages are looked up.
        var maximumLanguageLookups = 400
        /// Requests left unspent for whatever uses the token next.
        var rateLimitReserve = 5
        var maximumProjects = 10
        var minimumLanguageShare = 0.05
    }

    let client: GitHubClient
    let taxonomy: Taxonomy
    let limits: Limits

    init(client: GitHubClient, taxonomy: Taxonomy, limits: Limits = Limits()) {
        self.client = client
        self.taxonomy = taxonomy
        self.limits = limits
    }

    /// What the import has spent and noticed so far.
    private struct Tally {
        var requests = 0
        var notModified = 0
        var rateLimit: GitHubRateLimit?
        var warnings: [String] = []

        mutating func record<Value>(_ fetched: GitHubFetched<Value>) -> Value {
            if fetched.notModified { notModified += 1 }
            if let reading = fetched.rateLimit { rateLimit = reading.merged(with: rateLimit) }
            return fetched.value
        }
    }

    /// `referenceDate` is the import's "now": rate-limit waits are measured from
    /// it, and a push date after it (a skewed clock) is taken as it.
    func importProfile(username: String, referenceDate: Date = Date()) async throws(GitHubImportError) -> GitHubImport {
        guard let login = GitHubUsername.validated(username) else { throw .invalidUsername(username) }
        var tally = Tally()

        tally.requests += 1
        let user: GitHubWire.User
        do {
            user = tally.record(try await client.user(login))
        } catch {
            throw Self.importError(error, login: login, referenceDate: referenceDate)
        }
        if user.type == "Organization" {
            tally.warnings.append("'\(user.login)' is an organization account, not a person's")
        }

        let listing = try await listRepositories(
            login: user.login, tally: &tally, referenceDate: referenceDate)
        let owned = listing.repositories.filter { !$0.fork }
        let languageBytes = await readLanguages(of: owned, tally: &tally, referenceDate: referenceDate)

        var mapping = GitHubProfileMapping(taxonomy: taxonomy)
        mapping.minimumLanguageShare = limits.minimumLanguageShare
        mapping.maximumProjects = limits.maximumProjects
        let referenceDay = GitHubDates.day(of: referenceDate)
        let repositories = owned.map { wire in
            mapping.repository(
                wire, languageBytes: languageBytes.bytes[wire.fullName ?? wire.name], referenceDay: referenceDay)
        }
        let resume = mapping.resume(user: user, repositories: repositories)

        let counts: [String: Int] = [
            "repositories": owned.count,
            "forksSkipped": listing.repositories.count - owned.count,
            "archived": owned.filter { $0.archived == true }.count,
            "pages": listing.pages,
            "languages": Set(repositories.flatMap { $0.languages.map(\.name) }).count,
            "topics": Set(owned.flatMap { $0.topics ?? [] }).count,
            "skills": resume.careergini?.skills?.count ?? 0,
            "languageLookups": languageBytes.lookups,
            "requests": tally.requests,
            "notModified": tally.notModified,
        ]
        return GitHubImport(resume: resume, counts: counts, warnings: tally.warnings)
    }

    // MARK: - Repositories

    /// Every page of the user's repositories up to `maximumPages`, following
    /// GitHub's `Link: rel="next"`; duplicates (a push while paging moves a
    /// repository to the front) are dropped.
    private func listRepositories(
        login: String, tally: inout Tally, referenceDate: Date
    ) async throws(GitHubImportError) -> (repositories: [GitHubWire.Repository], pages: Int) {
        var repositories: [GitHubWire.Repository] = []
        var seen: Set<String> = []
        var url = client.ownedRepositoriesURL(of: login)
        var page = 1
        paging: while true {
            tally.requests += 1
            let fetched: GitHubFetched<[GitHubWire.Repository]>
            do {
                fetched = try await client.repositories(at: url)
            } catch {
                if page > 1, case .rateLimited(let exceeded) = error {
                    tally.warnings.append(
                        "GitHub's rate limit ran out after \(repositories.count) repositories; older ones were not"
                            + " read (try again in \(Self.seconds(exceeded.wait(from: referenceDate))) seconds)")
                    page -= 1
                    break paging
                }
                throw Self.importError(error, login: login, referenceDate: referenceDate)
            }
            for repository in tally.record(fetched) where seen.insert(repository.fullName ?? repository.name).inserted {
                repositories.append(repository)
            }
            guard let next = fetched.links["next"] else { break paging }
            guard page < limits.maximumPages else {
                tally.warnings.append(
                    "only the \(repositories.count) most recently pushed repositories were read;"
                        + " older ones were left out")
                break paging
            }
            guard client.isOwnURL(next) else {
                tally.warnings.append("GitHub's next page lies outside its API; paging stopped")
                break paging
            }
            url = next
            page += 1
        }
        return (repositories, page)
    }

    // MARK: - Languages

    /// One repository's languages, by its index among the candidates. A struct,
    /// and the typed throw caught in a plain function, on purpose: a tuple with a
    /// `do throws(…)` block inside the task-group child trapped on an out-of-range
    /// index in a release build (Swift 6.3.1) while debug builds ran it fine.
    private struct LanguageAnswer: Sendable {
        var index: Int
        var result: Result<GitHubFetched<[String: Int]>, GitHubClientError>
    }

    private static func languages(
        of repository: String, owner: String?, client: GitHubClient
    ) async -> Result<
        GitHubFetched<[String: Int]>, GitHubClientError
    > {
        guard let owner else { return .failure(.unavailable("the listing names no owner")) }
        do {
            return .success(try await client.languages(owner: owner, repository: repository))
        } catch {
            return .failure(error)
        }
    }

    /// The byte counts per language of the most recently pushed repositories, by
    /// full name, `languageConcurrency` at a time (a sliding window: one starts as
    /// one ends). Empty repositories are not asked about: GitHub has nothing to say.
    private func readLanguages(
        of repositories: [GitHubWire.Repository], tally: inout Tally, referenceDate: Date
    ) async -> (bytes: [String: [String: Int]], lookups: Int) {
        let withCode = repositories.filter { ($0.size ?? 1) > 0 }
            .enumerated()
            .sorted { left, right in
                let (leftPush, rightPush) = (left.element.pushedAt ?? "", right.element.pushedAt ?? "")
                return leftPush != rightPush ? leftPush > rightPush : left.offset < right.offset
            }
            .map(\.element)
        let candidates = Array(withCode.prefix(limits.maximumLanguageLookups))
        if candidates.count < withCode.count {
            tally.warnings.append(
                "languages were read for the \(candidates.count) most recently pushed repositories;"
                    + " the other \(withCode.count - candidates.count) count their main language only")
        }

        let client = self.client
        let concurrency = max(1, limits.languageConcurrency)
        let reserve = limits.rateLimitReserve
        var bytes: [String: [String: Int]] = [:]
        var started = 0
        var inFlight = 0
        var exhausted: GitHubRateLimitExceeded?
        var lowOn: GitHubRateLimit?
        var unreadable: [String] = []
        var rateLimit = tally.rateLimit
        var notModified = 0

        await withTaskGroup(of: LanguageAnswer.self) { group in
            while true {
                while exhausted == nil, lowOn == nil, inFlight < concurrency, started < candidates.count {
                    // Answers still on their way will each have spent one more.
                    if let rateLimit, rateLimit.remaining - inFlight <= reserve {
                        lowOn = rateLimit
                        break
                    }
                    let index = started
                    let repository = candidates[index]
                    let owner =
                        repository.owner?.login ?? repository.fullName?.split(separator: "/").first.map(String.init)
                    group.addTask {
                        LanguageAnswer(
                            index: index,
                            result: await Self.languages(of: repository.name, owner: owner, client: client))
                    }
                    started += 1
                    inFlight += 1
                }
                guard let answer = await group.next() else { break }
                inFlight -= 1
                guard candidates.indices.contains(answer.index) else { continue }
                let repository = candidates[answer.index]
                switch answer.result {
                case .success(let fetched):
                    bytes[repository.fullName ?? repository.name] = fetched.value
                    if fetched.notModified { notModified += 1 }
                    if let reading = fetched.rateLimit { rateLimit = reading.merged(with: rateLimit) }
                case .failure(.rateLimited(let exceeded)):
                    exhausted = exhausted ?? exceeded
                case .failure(.notFound):
                    unreadable.append("\(repository.name) (not found)")
                case .failure(.refused(let status, let message)):
                    unreadable.append("\(repository.name) (\(status): \(message))")
                case .failure(.unavailable(let reason)):
                    unreadable.append("\(repository.name) (\(reason))")
                }
            }
        }

        tally.requests += started
        tally.notModified += notModified
        tally.rateLimit = rateLimit
        let unasked = candidates.count - started
        if let exhausted {
            tally.warnings.append(
                "GitHub's rate limit ran out: languages were read for \(bytes.count) of \(candidates.count)"
                    + " repositories; the others count their main language only (try again in"
                    + " \(Self.seconds(exhausted.wait(from: referenceDate))) seconds for the full picture)")
        } else if let lowOn, unasked > 0 {
            tally.warnings.append(
                "GitHub's rate limit is nearly used up (\(lowOn.remaining) requests left until"
                    + " \(Self.clock(epoch: lowOn.resetEpoch)) UTC): languages were read for \(bytes.count) of"
                    + " \(candidates.count) repositories; the others count their main language only")
        }
        if !unreadable.isEmpty {
            let examples = unreadable.prefix(3).joined(separator: "; ")
            tally.warnings.append(
                "languages of \(unreadable.count) \(unreadable.count == 1 ? "repository" : "repositories") could"
                    + " not be read, their main language counts instead: \(examples)"
                    + (unreadable.count > 3 ? "; …" : ""))
        }
        return (bytes, started)
    }

    // MARK: - Errors

    private static func importError(
        _ error: GitHubClientError, login: String, referenceDate: Date
    ) -> GitHubImportError {
        switch error {
        case .notFound: .userNotFound(login)
        case .rateLimited(let exceeded): .rateLimited(retryAfter: exceeded.wait(from: referenceDate))
        case .refused(401, let message): .unavailable("GitHub rejected the configured token (\(message))")
        case .refused(let status, let message): .unavailable("GitHub refused the request (\(status): \(message))")
        case .unavailable(let reason): .unavailable(reason)
        }
    }

    private static func seconds(_ duration: Duration) -> Int64 { duration.components.seconds }

    /// "14:05" of an epoch second, UTC.
    private static func clock(epoch: Int) -> String {
        let seconds = ((epoch % 86_400) + 86_400) % 86_400
        return String(format: "%02d:%02d", seconds / 3600, seconds % 3600 / 60)
    }
}
