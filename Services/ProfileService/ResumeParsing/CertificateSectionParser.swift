import Contracts
import Foundation

/// Certificates, one a line: "AWS Certified Solutions Architect – Associate
/// (Amazon Web Services, 2021)", "CKA — CNCF — 2022", "Scrum Master, Scrum.org, 03/2020".
/// The issuer is the first part after the name that names an organisation; a
/// level word after a dash ("– Associate") stays in the name. A line holding only
/// an issuer or a date completes the certificate above it.
struct CertificateSectionParser {
    let referenceYear: Int

    func entries(_ lines: [ResumeLine]) -> [Resume.Certificate] {
        var certificates: [Resume.Certificate] = []
        // "2019" over its certificate: when the section opens with a lone date, dates lead.
        let datesLead =
            lines.first.map { line in
                EntryParts.dated(line, referenceYear: referenceYear, allowSingle: true).rest.isEmpty
            } ?? false
        var pendingDate: String?
        for line in lines {
            let (date, rest) = EntryParts.dated(line, referenceYear: referenceYear, allowSingle: true)
            if datesLead, rest.isEmpty, let date {
                pendingDate = date.start?.iso
                continue
            }
            let dateText = date.flatMap(\.start)?.iso ?? (datesLead ? pendingDate : nil)
            if datesLead { pendingDate = nil }
            if var last = certificates.last, !line.isBullet || rest.isEmpty {
                // "Amazon Web Services" or "Issued Mar 2021" under the certificate's name.
                let issuer = Self.issuer(rest, strict: true)
                let onlyDate = Self.withoutIssueWords(rest).isEmpty
                if (issuer != nil || onlyDate) && (last.issuer == nil || issuer == nil)
                    && (last.date == nil || date == nil),
                    issuer != nil || dateText != nil
                {
                    if let issuer { last.issuer = last.issuer ?? issuer }
                    if let dateText { last.date = last.date ?? dateText }
                    certificates[certificates.count - 1] = last
                    continue
                }
                // A name wrapped onto the next line: "Databricks Certified Data" / "Engineer Associate".
                let continuation =
                    line.content.opensInLowerCase
                    || line.words.allSatisfy { ResumeVocabulary.certificateLevels.contains($0.lowercased()) }
                if continuation, !line.isBullet, date == nil, let name = last.name {
                    last.name = WorkSectionParser.joined(name, line.content)
                    certificates[certificates.count - 1] = last
                    continue
                }
            }
            guard !rest.isEmpty, line.words.count <= 20 else { continue }
            var (name, issuer) = Self.nameAndIssuer(rest)
            if name.isEmpty {
                name = rest
                issuer = nil
            }
            certificates.append(Resume.Certificate(name: name, date: dateText, issuer: issuer))
        }
        return certificates
    }

    /// "Issued", "Ausgestellt", "Credential ID …" carry no name.
    static func withoutIssueWords(_ text: String) -> String {
        let words = text.split(separator: " ").filter {
            !["issued", "ausgestellt", "erworben", "obtained", "earned", "since", "seit"].contains($0.lowercased())
        }
        return words.joined(separator: " ").trimming(" ,;|·–—-:()")
    }

    static func nameAndIssuer(_ text: String) -> (String, String?) {
        var text = text
        var issuer: String?
        // "(Amazon Web Services)" at the end; "(CKA)" is an abbreviation of the name.
        if text.hasSuffix(")"), let open = text.lastIndex(of: "(") {
            let inner = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
            let innerParts = inner.split(separator: ",").map(\.trimmingSpaces)
            if let found = innerParts.compactMap({ Self.issuer($0) }).first {
                issuer = found
                text = String(text[..<open]).trimmingSpaces
            }
        }
        let parts = EntryParts.parts(of: text)
        guard parts.count > 1 else { return (text.trimming(" ,;|·–—-:"), issuer) }
        for (index, part) in parts.enumerated().dropFirst() {
            guard let found = Self.issuer(part) else { continue }
            // The name is the text up to this part, as written.
            if let range = text.range(of: part, options: .backwards) {
                let name = String(text[..<range.lowerBound]).trimming(" ,;|·–—-:")
                if !name.isEmpty { return (name, issuer ?? found) }
            }
            return (parts[..<index].joined(separator: " "), issuer ?? found)
        }
        return (text.trimming(" ,;|·–—-:"), issuer)
    }

    /// The organisation a part names: a known issuer, "by X", "Issued by X", or a
    /// name with company words. Level words ("Associate") are not issuers.
    /// `strict`: only an issuer named outright ("Oracle", "Issued by Oracle"), for a line of its own.
    static func issuer(_ part: String, strict: Bool = false) -> String? {
        var text = part.trimming(" ,;|·–—-:")
        let lowered = text.lowercased()
        for lead in ["issued by ", "issuer: ", "issuer ", "by ", "ausgestellt von ", "von ", "from "]
        where lowered.hasPrefix(lead) {
            text = String(text.dropFirst(lead.count)).trimmingSpaces
            return text.isEmpty ? nil : text
        }
        let key = text.lowercased()
        if ResumeVocabulary.certificateIssuers.contains(key) { return text }
        if strict { return nil }
        if let known = ResumeVocabulary.certificateIssuers.first(where: { key.hasPrefix($0 + " ") }),
            known.count >= 3
        {
            return text
        }
        if text.isEmpty || text.first?.isUppercase != true && text.first?.isNumber != true && text.first != "(" {
            return nil
        }
        let words = key.split(separator: " ")
        if words.allSatisfy({ ResumeVocabulary.certificateLevels.contains(String($0)) }) { return nil }
        if ResumeVocabulary.companyScore(text) > 0, words.count <= 6 { return text }
        return nil
    }
}
