/// Live providers (YouTube, GitHub) behind one call: the resources route and
/// the path builder ask it to bring a skill's live finds up to date before
/// reading the resources table.
protocol ResourceDiscovery: Sendable {
    /// Makes the stored live finds for `skills` fresh, asking a provider only
    /// when its answer for a skill is stale and its budget allows. Never
    /// throws: a provider that fails, is rate limited or is out of quota leaves
    /// what was stored, and the catalogue still answers.
    func refresh(skills: [String]) async
}
