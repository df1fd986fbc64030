import Contracts
import Taxonomy

/// One live source of learning resources (YouTube, GitHub) as
/// `LiveResourceDiscovery` drives it: asked about one skill at a time, within
/// its own budget (quota, rate limit), never throwing.
protocol LiveProvider: Sendable {
    /// The provenance of its finds, and its name in `live_lookups`.
    var provenance: LearningResource.Provenance { get }

    /// Whether asking about `skill` makes sense at all (GitHub has no
    /// repositories that teach negotiation).
    func serves(_ skill: Skill) -> Bool

    /// Whether a lookup may be made now: quota left for today, no rate-limit
    /// pause, the key not rejected. Checked before a lookup is claimed, so a
    /// provider out of budget costs a refresh one Redis read, not a request.
    func isAvailable() async -> Bool

    /// The provider's finds for `skill`, giving up on waits (rate limits,
    /// backoff) that would end after `deadline`.
    func lookup(_ skill: Skill, deadline: ContinuousClock.Instant) async -> LookupOutcome
}

/// How one lookup went, and so what is recorded.
enum LookupOutcome: Sendable, Equatable {
    /// The provider answered: these are its finds for the skill now (possibly none).
    case found([LearningResource])
    /// The provider refused or failed; recorded, and the stored finds are left alone.
    case failed(String)
    /// Not asked, or not answered, for want of budget (quota spent, rate
    /// limited past the deadline, shutting down): nothing is recorded, so a
    /// later refresh asks again.
    case deferred(String)
}
