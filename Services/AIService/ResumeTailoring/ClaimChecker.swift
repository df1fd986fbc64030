import Contracts
import Foundation
import Taxonomy

/// The anti-fabrication check every tailored résumé passes before anyone sees it,
/// whether a template or a language model wrote it. Whatever the profile does not
/// back is taken out or put back to the profile's version, and each change is
/// reported: skills the profile never shows, employers, titles and dates other
/// than its own, degrees and certificates it lacks, figures its text never states
/// and a years-of-experience figure other than the one its dates give. Contact
/// details always come from the profile verbatim.
struct ClaimChecker: Sendable {
    let taxonomy: Taxonomy
    /// "Now", for the years an ongoing job adds; the tailor passes the same one.
    var referenceDate: Date = Date()

    struct Result: Sendable, Equatable {
        var resume: Resume
        var removed: [RemovedClaim]
    }

    func check(candidate: Resume, source: Resume) -> Result {
        let evidence = ProfileEvidence(profile: source, taxonomy: taxonomy, referenceDate: referenceDate)
        return check(candidate: candidate, source: source, evidence: evidence)
    }

    func check(candidate: Resume, source: Resume, evidence: ProfileEvidence) -> Result {
        var audit = ClaimAudit(claims: TextClaims(taxonomy: taxonomy, evidence: evidence))
        var resume = Resume()
        resume.basics = audit.checkBasics(candidate.basics, source: source.basics)
        resume.work = audit.checkWork(candidate.work, source: source.work ?? [], section: "work")
        resume.volunteer = audit.checkWork(candidate.volunteer, source: source.volunteer ?? [], section: "volunteer")
        resume.education = audit.checkEducation(candidate.education, source: source.education ?? [])
        resume.certificates = audit.checkCertificates(candidate.certificates, source: source.certificates ?? [])
        resume.awards = audit.keepKnown(
            candidate.awards, source: source.awards ?? [], section: "awards", key: { $0.title },
            what: "award")
        resume.publications = audit.keepKnown(
            candidate.publications, source: source.publications ?? [], section: "publications", key: { $0.name },
            what: "publication")
        resume.skills = audit.checkSkills(candidate.skills, source: source.skills ?? [])
        resume.languages = audit.keepKnown(
            candidate.languages, source: source.languages ?? [], section: "languages", key: { $0.language },
            what: "language")
        resume.interests = audit.keepKnown(
            candidate.interests, source: source.interests ?? [], section: "interests", key: { $0.name },
            what: "interest")
        resume.references = audit.keepKnown(
            candidate.references, source: source.references ?? [], section: "references",
            key: { "\($0.name ?? "") \($0.reference ?? "")" }, what: "reference")
        resume.projects = audit.checkProjects(candidate.projects, source: source.projects ?? [])
        resume.meta = candidate.meta ?? source.meta
        resume.careergini = source.careergini
        return Result(resume: resume, removed: audit.removed)
    }
}

/// One pass of the check: the cleaned parts are returned, the removals collected.
struct ClaimAudit {
    let claims: TextClaims
    private(set) var removed: [RemovedClaim] = []

    init(claims: TextClaims) {
        self.claims = claims
    }

    /// Lowest word overlap at which a rejected sentence reverts to a source sentence
    /// rather than being dropped: enough shared words to be "the same point".
    static let revertOverlap = 0.3

    mutating func record(
        _ kind: RemovedClaim.Kind, _ path: String, _ text: String, replacement: String? = nil, _ reason: String
    ) {
        removed.append(RemovedClaim(kind: kind, path: path, text: text, replacement: replacement, reason: reason))
    }

    mutating func record(_ problems: [UnsupportedClaim], _ path: String, _ text: String, replacement: String?) {
        guard let first = problems.first else { return }
        record(first.kind, path, text, replacement: replacement, problems.map(\.reason).joined(separator: "; "))
    }

    // MARK: Basics

    /// Contact details from the source; the label kept only when it is the source's
    /// or a position the source holds; the summary checked sentence by sentence.
    mutating func checkBasics(_ candidate: Resume.Basics?, source: Resume.Basics?) -> Resume.Basics? {
        guard let candidate else { return source }
        var basics = source ?? Resume.Basics()
        let contact: [(String, String?, String?)] = [
            ("name", candidate.name, source?.name), ("email", candidate.email, source?.email),
            ("phone", candidate.phone, source?.phone), ("url", candidate.url, source?.url),
            ("image", candidate.image, source?.image),
        ]
        for (field, given, own) in contact where given != nil && given != own {
            record(
                .contactDetails, "basics.\(field)", given ?? "", replacement: own,
                "contact details come from the profile")
        }
        if let location = candidate.location, location != source?.location {
            record(
                .contactDetails, "basics.location", Self.describe(location),
                replacement: source?.location.map(Self.describe), "the location comes from the profile")
        }
        if let profiles = candidate.profiles, profiles != source?.profiles {
            record(
                .contactDetails, "basics.profiles",
                profiles.compactMap { $0.url ?? $0.username }.joined(separator: ", "),
                replacement: source?.profiles?.compactMap { $0.url ?? $0.username }.joined(separator: ", "),
                "profile links come from the profile")
        }
        basics.label = checkLabel(candidate.label, source: source?.label)
        basics.summary = checkProse(
            candidate.summary, path: "basics.summary", sources: [source?.summary], isSummary: true)
        return basics
    }

    /// A headline may name the profile's label or a position it held, nothing else.
    mutating func checkLabel(_ label: String?, source: String?) -> String? {
        guard let label else { return source }
        let key = TextMatching.nameKey(label)
        let held = [source].compactMap { $0 } + claims.evidence.positions
        if held.contains(where: { TextMatching.nameKey($0) == key }) { return label }
        record(.position, "basics.label", label, replacement: source, "the profile holds no such title")
        return source
    }

    static func describe(_ location: Resume.Location) -> String {
        [location.address, location.city, location.region, location.postalCode, location.countryCode]
            .compactMap { $0 }.joined(separator: ", ")
    }

    // MARK: Prose

    /// Sentence by sentence: a sentence with an unsupported claim reverts to the
    /// closest backed source sentence, or goes. Unchanged text comes back as it was.
    mutating func checkProse(
        _ text: String?, path: String, sources: [String?], isSummary: Bool = false, numbers: Set<NumberKey>? = nil
    ) -> String? {
        guard let text else { return nil }
        let sentences = TextMatching.sentences(text)
        let pool = sources.compactMap { $0 }.flatMap(TextMatching.sentences)
        var kept: [String] = []
        var changed = false
        for sentence in sentences {
            let problems = claims.unsupported(in: sentence, isSummary: isSummary, numbers: numbers)
            guard !problems.isEmpty else {
                kept.append(sentence)
                continue
            }
            changed = true
            let taken = Set(kept + sentences)
            let replacement = closest(
                to: sentence, in: pool.filter { !taken.contains($0) }, isSummary: isSummary, numbers: numbers)
            record(problems, path, sentence, replacement: replacement)
            if let replacement { kept.append(replacement) }
        }
        guard changed else { return text }
        return kept.isEmpty ? nil : kept.joined(separator: " ")
    }

    /// Each highlight kept when backed, else reverted to the closest source highlight
    /// not already shown, else removed.
    mutating func checkHighlights(
        _ highlights: [String]?, path: String, sources: [String], numbers: Set<NumberKey>? = nil
    ) -> [String]? {
        guard let highlights else { return nil }
        var kept: [String] = []
        for (index, highlight) in highlights.enumerated() {
            let problems = claims.unsupported(in: highlight, numbers: numbers)
            guard !problems.isEmpty else {
                kept.append(highlight)
                continue
            }
            let taken = Set(kept + highlights)
            let replacement = closest(
                to: highlight, in: sources.filter { !taken.contains($0) }, isSummary: false, numbers: numbers)
            record(problems, "\(path)[\(index)]", highlight, replacement: replacement)
            if let replacement { kept.append(replacement) }
        }
        return kept
    }

    /// List items (skills or project keywords) the profile backs, in the candidate's order.
    mutating func checkKeywords(_ keywords: [String]?, path: String) -> [String]? {
        guard let keywords else { return nil }
        var kept: [String] = []
        for (index, keyword) in keywords.enumerated() {
            let problems = claims.unsupported(listItem: keyword)
            if problems.isEmpty {
                kept.append(keyword)
            } else {
                record(problems, "\(path)[\(index)]", keyword, replacement: nil)
            }
        }
        return kept
    }

    /// The source sentence sharing most words with `sentence`, if enough, and itself backed.
    func closest(to sentence: String, in pool: [String], isSummary: Bool, numbers: Set<NumberKey>?) -> String? {
        let scored = pool.map { (text: $0, score: TextMatching.overlap(sentence, $0)) }
            .filter {
                $0.score >= Self.revertOverlap
                    && claims.unsupported(in: $0.text, isSummary: isSummary, numbers: numbers).isEmpty
            }
        return scored.max { $0.score < $1.score }?.text
    }
}
