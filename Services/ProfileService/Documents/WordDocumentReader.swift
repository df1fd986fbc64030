/// The text of a DOCX upload: the archive is opened through `SafeZipArchive`
/// (its limits stop zip bombs while inflating), the main document part is found
/// (`word/document.xml`, or wherever `_rels/.rels` points), and headers go before
/// the body and footers after it, since résumés often keep the contact line in
/// the page header. Identical headers (first page, even pages) count once.
enum WordDocumentReader {
    static func text(of bytes: [UInt8], filename: String?) throws(DocumentError) -> String {
        var archive: SafeZipArchive
        do {
            archive = try SafeZipArchive(bytes: bytes)
        } catch {
            throw Self.documentError(error)
        }
        guard let mainPart = try mainDocumentPath(in: &archive) else {
            // A ZIP, but no Word document inside: a damaged DOCX, or another kind of archive.
            let claimsWord =
                archive.paths.contains { $0.hasPrefix("word/") }
                || filename.map { DocumentSignature.fileExtension($0) == "docx" } == true
            if claimsWord { throw .corrupt("the Word document has no word/document.xml") }
            throw .unsupportedType
        }
        var lines: [String] = []
        var seen: Set<[String]> = []
        let partNames = archive.paths.filter { $0.hasPrefix("word/") && !$0.contains("/_rels/") }.sorted()
        let headers = partNames.filter { $0.hasPrefix("word/header") && $0.hasSuffix(".xml") }
        let footers = partNames.filter { $0.hasPrefix("word/footer") && $0.hasSuffix(".xml") }
        for part in headers + [mainPart] + footers {
            guard let xml = try contents(of: part, in: &archive) else { continue }
            let partLines: [String]
            do {
                partLines = try WordprocessingText.lines(of: utf8(xml))
            } catch .documentTypeDeclaration {
                throw .corrupt("\(part) declares a document type, which Word never writes")
            } catch {
                throw .corrupt("\(part) is not well-formed XML")
            }
            if part != mainPart {
                guard partLines.contains(where: { $0.contains { !$0.isWhitespace } }), seen.insert(partLines).inserted
                else { continue }
            }
            lines += partLines
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    /// The main part: the `officeDocument` relationship's target when it names a
    /// Word part, else `word/document.xml`; nil when neither exists.
    static func mainDocumentPath(in archive: inout SafeZipArchive) throws(DocumentError) -> String? {
        if let rels = try contents(of: "_rels/.rels", in: &archive),
            let target = officeDocumentTarget(in: String(decoding: rels, as: UTF8.self)),
            target.hasPrefix("word/"), archive.paths.contains(target)
        {
            return target
        }
        return archive.paths.contains("word/document.xml") ? "word/document.xml" : nil
    }

    /// `Target` of the relationship whose `Type` ends in "/officeDocument".
    static func officeDocumentTarget(in rels: String) -> String? {
        for element in rels.split(separator: "<") where element.hasPrefix("Relationship ") {
            let attributes = ArraySlice(element.utf8)
            guard let type = WordprocessingText.attribute("Type", in: attributes), type.hasSuffix("/officeDocument"),
                var target = WordprocessingText.attribute("Target", in: attributes)
            else { continue }
            while target.hasPrefix("/") { target.removeFirst() }
            return target
        }
        return nil
    }

    private static func contents(of path: String, in archive: inout SafeZipArchive) throws(DocumentError) -> [UInt8]? {
        do {
            return try archive.contents(of: path)
        } catch {
            throw documentError(error)
        }
    }

    /// Word writes UTF-8; a part saved as UTF-16 (with its byte-order mark) is converted.
    private static func utf8(_ xml: [UInt8]) -> [UInt8] {
        guard xml.starts(with: [0xFF, 0xFE]) || xml.starts(with: [0xFE, 0xFF]),
            let text = DocumentSignature.decodedText(xml)
        else { return xml }
        return Array(text.utf8)
    }

    static func documentError(_ failure: SafeZipArchive.Failure) -> DocumentError {
        switch failure {
        case .notAZipArchive, .corruptEntry: .corrupt(failure.description)
        case .tooManyEntries, .entryTooLarge, .tooMuchData, .suspiciousCompression: .unsafeArchive(failure.description)
        }
    }
}
