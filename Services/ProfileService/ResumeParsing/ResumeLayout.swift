/// A run of lines under one heading.
struct ResumeSection: Sendable, Equatable {
    var kind: ResumeSectionKind
    /// The heading as written, nil for the opening lines.
    var heading: String?
    /// Indices into `ResumeLayout.lines`.
    var lines: [Int]
}

/// A résumé's lines cut into sections at their headings. "Skills: Swift, Go" opens
/// a section in place (its remainder becomes the section's first line), except
/// inside entries (work, education, projects) where such a line is content.
struct ResumeLayout: Sendable {
    private(set) var lines: [ResumeLine] = []
    private(set) var sections: [ResumeSection] = []
    /// For each line, the index of its section in `sections`.
    private(set) var sectionOfLine: [Int] = []

    init(lines input: [ResumeLine]) {
        var current = ResumeSection(kind: .opening, heading: nil, lines: [])
        for line in input {
            if let kind = SectionHeadings.kind(of: line) {
                // "Tools" under "Skills" names a group of the skills, not a new section.
                if kind == .skills, current.kind == .skills, !current.lines.isEmpty {
                    append(line, to: &current)
                    continue
                }
                close(&current)
                current = ResumeSection(kind: kind, heading: line.content, lines: [])
                continue
            }
            if let (kind, rest) = SectionHeadings.inlineHeading(line), Self.opensInline(kind, inside: current.kind) {
                close(&current)
                current = ResumeSection(kind: kind, heading: line.content, lines: [])
                append(ResumeLine(content: rest, followsBlank: line.followsBlank), to: &current)
                continue
            }
            append(line, to: &current)
        }
        close(&current)
    }

    private mutating func append(_ line: ResumeLine, to section: inout ResumeSection) {
        section.lines.append(lines.count)
        lines.append(line)
    }

    private mutating func close(_ section: inout ResumeSection) {
        guard !section.lines.isEmpty || section.kind != .opening else { return }
        sectionOfLine += Array(repeating: sections.count, count: section.lines.count)
        sections.append(section)
    }

    func kind(ofLine index: Int) -> ResumeSectionKind { sections[sectionOfLine[index]].kind }

    /// Whether "Label: items" opens a section here: never inside entries, and inside
    /// skills only for sections that are not skill lists ("Languages: Swift" is a skill group).
    static func opensInline(_ kind: ResumeSectionKind, inside current: ResumeSectionKind) -> Bool {
        switch current {
        case .work, .projects, .volunteer, .publications: false
        case .skills: kind != .skills && kind != .languages
        default: true
        }
    }

    func sections(_ kind: ResumeSectionKind) -> [ResumeSection] { sections.filter { $0.kind == kind } }
}
