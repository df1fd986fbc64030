import Contracts

/// The parser's draft as short labelled lines for the extraction prompt: the
/// field names are the ones the answer uses, and lines (unlike JSON) still read
/// sensibly when the context budget cuts the draft short. Highlights are only
/// counted: they are in the text, which the model copies them from.
enum ResumeDraftText {
    static func render(_ draft: Resume) -> String {
        var lines: [String] = []
        if let basics = draft.basics {
            let fields = [
                field("name", basics.name), field("label", basics.label), field("email", basics.email),
                field("phone", basics.phone), field("url", basics.url), field("location.city", basics.location?.city),
            ].compactMap { $0 }
            if !fields.isEmpty { lines.append("basics: " + fields.joined(separator: ", ")) }
            for (index, profile) in (basics.profiles ?? []).enumerated() {
                lines.append(
                    entry(
                        "basics.profiles[\(index)]",
                        [
                            field("network", profile.network), field("username", profile.username),
                            field("url", profile.url),
                        ]
                    ))
            }
        }
        for (index, work) in (draft.work ?? []).enumerated() {
            var fields = [
                field("position", work.position), field("name", work.name), field("location", work.location),
                field("startDate", work.startDate), field("endDate", work.endDate),
            ]
            if let count = work.highlights?.count, count > 0 { fields.append("\(count) highlights") }
            lines.append(entry("work[\(index)]", fields))
        }
        for (index, education) in (draft.education ?? []).enumerated() {
            lines.append(
                entry(
                    "education[\(index)]",
                    [
                        field("institution", education.institution), field("studyType", education.studyType),
                        field("area", education.area), field("startDate", education.startDate),
                        field("endDate", education.endDate),
                    ]))
        }
        for (index, group) in (draft.skills ?? []).enumerated() {
            lines.append(
                entry(
                    "skills[\(index)]",
                    [field("name", group.name), field("level", group.level), list("keywords", group.keywords)]))
        }
        for (index, language) in (draft.languages ?? []).enumerated() {
            lines.append(
                entry(
                    "languages[\(index)]", [field("language", language.language), field("fluency", language.fluency)]))
        }
        for (index, certificate) in (draft.certificates ?? []).enumerated() {
            lines.append(
                entry(
                    "certificates[\(index)]",
                    [
                        field("name", certificate.name), field("issuer", certificate.issuer),
                        field("date", certificate.date),
                    ]
                ))
        }
        for (index, project) in (draft.projects ?? []).enumerated() {
            lines.append(
                entry(
                    "projects[\(index)]",
                    [
                        field("name", project.name), field("url", project.url), field("startDate", project.startDate),
                        field("endDate", project.endDate), list("keywords", project.keywords),
                    ]))
        }
        return lines.isEmpty ? "(the parser found nothing)" : lines.joined(separator: "\n")
    }

    private static func field(_ name: String, _ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return "\(name)=\"\(value)\""
    }

    private static func list(_ name: String, _ values: [String]?) -> String? {
        guard let values, !values.isEmpty else { return nil }
        return "\(name)=[" + values.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
    }

    private static func entry(_ path: String, _ fields: [String?]) -> String {
        let present = fields.compactMap { $0 }
        return path + ": " + (present.isEmpty ? "(empty)" : present.joined(separator: ", "))
    }
}
