import Foundation
import Testing
import ZIPFoundation

@testable import ProfileService

@Suite struct DocumentTextExtractorTests {
    static let extractor = DocumentTextExtractor()

    static func fixtureDirectory() throws -> URL {
        let resources = try #require(Bundle.module.resourceURL)
        return resources.appendingPathComponent("Fixtures/resumes")
    }

    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: try fixtureDirectory().appendingPathComponent(name)))
    }

    /// The text-based résumés: every `NAME.expected.json` has a NAME.pdf and NAME.docx.
    static func resumeNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: try fixtureDirectory().path)
            .filter { $0.hasSuffix(".expected.json") }
            .map { String($0.dropLast(".expected.json".count)) }
            .sorted()
    }

    /// What every extraction of résumé `name` must contain: the name, e-mail and
    /// first employer exactly as the expected JSON has them.
    static func landmarks(of name: String) throws -> [String] {
        let expected = try JSONSerialization.jsonObject(with: Data(try fixture("\(name).expected.json")))
        let root = try #require(expected as? [String: Any])
        let basics = try #require(root["basics"] as? [String: Any])
        let work = try #require(root["work"] as? [[String: Any]])
        return [
            try #require(basics["name"] as? String), try #require(basics["email"] as? String),
            try #require(work.first?["name"] as? String), try #require(work.last?["position"] as? String),
        ]
    }

    /// The error extracting `bytes` throws, or nil when it gives text.
    static func failure(
        of bytes: [UInt8], filename: String?, extractor: DocumentTextExtractor = extractor
    ) async -> DocumentError? {
        do {
            _ = try await extractor.extract(bytes, filename: filename)
            return nil
        } catch {
            return error
        }
    }

    static func expectFailure(
        _ expected: DocumentError, _ bytes: [UInt8], filename: String?, extractor: DocumentTextExtractor = extractor,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async {
        do {
            let document = try await extractor.extract(bytes, filename: filename)
            Issue.record("expected \(expected), got \(document.kind) text", sourceLocation: sourceLocation)
        } catch {
            #expect(error == expected, sourceLocation: sourceLocation)
        }
    }

    // MARK: - Text-based fixtures

    @Test func readsEveryPDFResume() async throws {
        let names = try Self.resumeNames()
        #expect(names.count >= 12)
        for name in names {
            let document = try await Self.extractor.extract(try Self.fixture("\(name).pdf"), filename: "\(name).pdf")
            #expect(document.kind == .pdf)
            for landmark in try Self.landmarks(of: name) {
                #expect(document.text.contains(landmark), "\(name).pdf lacks \(landmark)")
            }
            #expect(!document.text.contains("\u{0C}") && !document.text.contains("\r"))
            #expect(!document.text.contains("\n\n\n"))
        }
    }

    @Test func countsPDFPages() async throws {
        for (name, pages) in [
            ("alex-morgan-software-engineer", 2), ("jonas-becker-linkedin", 2), ("emma-larsen-frontend", 1),
        ] {
            let document = try await Self.extractor.extract(try Self.fixture("\(name).pdf"), filename: nil)
            #expect(document.pageCount == pages, "\(name)")
        }
    }

    /// Content-stream order keeps a right-aligned date on its entry's line and
    /// reads a sidebar before the main column.
    @Test func keepsDatesOnTheirLinesAndColumnsWhole() async throws {
        let classic = try await Self.extractor.extract(
            try Self.fixture("alex-morgan-software-engineer.pdf"), filename: nil)
        #expect(classic.text.contains("Texas Advanced Computing Center — Austin, TX Jan 2014 – May 2016\n"))
        let sidebar = try await Self.extractor.extract(try Self.fixture("priya-raman-two-column.pdf"), filename: nil)
        let lines = sidebar.text.split(separator: "\n").map(String.init)
        let contact = try #require(lines.firstIndex(of: "CONTACT"))
        #expect(lines[contact + 1] == "priya.raman@example.com")
        let profile = try #require(lines.firstIndex(of: "PROFILE"))
        #expect(lines[profile + 1].hasPrefix("Full-stack engineer who enjoys"))
        #expect(try #require(lines.firstIndex(of: "French (Intermediate)")) < profile)
    }

    @Test func readsEveryDOCXResume() async throws {
        for name in try Self.resumeNames() {
            let document = try await Self.extractor.extract(try Self.fixture("\(name).docx"), filename: "\(name).docx")
            #expect(document.kind == .docx)
            #expect(document.pageCount == nil)
            for landmark in try Self.landmarks(of: name) {
                #expect(document.text.contains(landmark), "\(name).docx lacks \(landmark)")
            }
        }
    }

    @Test func readsDOCXTabsBulletsAndTables() async throws {
        let classic = try await Self.extractor.extract(
            try Self.fixture("alex-morgan-software-engineer.docx"), filename: nil)
        // A right tab stop before the dates, a list paragraph with its bullet.
        #expect(classic.text.contains("Tallyworks — San Francisco, CA\tMar 2021 – Present\n"))
        #expect(classic.text.contains("\n• Led the redesign of the ledger service in Go"))
        // Literal en-dash bullets stay as typed.
        let devops = try await Self.extractor.extract(try Self.fixture("daniel-kowalski-devops.docx"), filename: nil)
        #expect(devops.text.contains("\n– Run 12 Kubernetes clusters on Amazon EKS"))
        // A one-row layout table reads its sidebar cell, then its main cell.
        let sidebar = try await Self.extractor.extract(try Self.fixture("priya-raman-two-column.docx"), filename: nil)
        let languages = try #require(sidebar.text.range(of: "French (Intermediate)"))
        let experience = try #require(sidebar.text.range(of: "Senior Full-Stack Engineer"))
        #expect(languages.upperBound < experience.lowerBound)
        // Rows of one-line cells become one tab-separated line; longer rows go cell by cell.
        let german = try await Self.extractor.extract(try Self.fixture("lena-schmidt-lebenslauf.docx"), filename: nil)
        #expect(german.text.contains("Programmiersprachen\tJava, Kotlin, SQL, Python"))
        #expect(german.text.contains("Deutsch\tMuttersprache"))
        #expect(
            german.text.contains(
                "01/2020 - heute\tSenior Softwareentwicklerin\nAllianzwerk Versicherungs-AG, München\n"))
    }

    @Test func readsMarkdownAndPlainText() async throws {
        for name in ["alex-morgan-software-engineer", "sofia-alvarez-new-grad"] {
            let markdown = try await Self.extractor.extract(try Self.fixture("\(name).md"), filename: "\(name).md")
            #expect(markdown.kind == .markdown)
            #expect(markdown.text.contains("## Experience"))
            // Recognised by its content alone, too.
            #expect(try await Self.extractor.extract(try Self.fixture("\(name).md"), filename: nil).kind == .markdown)
            let text = try await Self.extractor.extract(try Self.fixture("\(name).txt"), filename: "\(name).txt")
            #expect(text.kind == .text)
            for landmark in try Self.landmarks(of: name) {
                #expect(markdown.text.contains(landmark) && text.text.contains(landmark))
            }
        }
    }

    @Test func decodesUTF16AndByteOrderMarks() async throws {
        let original = String(decoding: try Self.fixture("sofia-alvarez-new-grad.txt"), as: UTF8.self)
        let expected = ExtractedText.normalised(original)
        let littleEndian: [UInt8] = [0xFF, 0xFE] + original.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let bigEndian: [UInt8] = [0xFE, 0xFF] + original.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let withBOM: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(original.utf8)
        for bytes in [littleEndian, bigEndian, withBOM] {
            let document = try await Self.extractor.extract(bytes, filename: "resume.txt")
            #expect(document == ExtractedDocument(kind: .text, text: expected, pageCount: nil))
        }
    }

    /// The bytes decide: a PDF named .docx is read as a PDF, a DOCX named .pdf as a DOCX.
    @Test func ignoresMisleadingFileNames() async throws {
        let pdf = try await Self.extractor.extract(try Self.fixture("emma-larsen-frontend.pdf"), filename: "cv.docx")
        #expect(pdf.kind == .pdf)
        let docx = try await Self.extractor.extract(try Self.fixture("emma-larsen-frontend.docx"), filename: "cv.pdf")
        #expect(docx.kind == .docx)
        await Self.expectFailure(.legacyOfficeFormat, try Self.fixture("legacy.doc"), filename: "resume.docx")
        await Self.expectFailure(.legacyOfficeFormat, try Self.fixture("legacy.doc"), filename: "encrypted.pdf")
    }

    // MARK: - Failures

    @Test func refusesAScannedPDF() async throws {
        let error = try #require(await Self.failure(of: try Self.fixture("scanned.pdf"), filename: "scanned.pdf"))
        #expect(error == .noExtractableText)
        #expect(error.reason == "no extractable text: upload a text-based PDF or DOCX")
    }

    @Test func refusesAPasswordProtectedPDF() async throws {
        let error = try #require(await Self.failure(of: try Self.fixture("password-protected.pdf"), filename: nil))
        #expect(error == .encrypted)
        #expect(error.reason == "the PDF is password-protected: remove the password and upload it again")
    }

    @Test func refusesACorruptPDF() async throws {
        let error = try #require(await Self.failure(of: try Self.fixture("corrupt.pdf"), filename: "corrupt.pdf"))
        guard case .corrupt(let detail) = error else {
            Issue.record("expected .corrupt, got \(error)")
            return
        }
        #expect(detail.contains("not a readable PDF"))
        #expect(error.isClientError)
    }

    @Test func refusesCorruptDOCXFiles() async throws {
        await Self.expectFailure(
            .corrupt("the file is not a readable ZIP archive"), try Self.fixture("corrupt.docx"), filename: "cv.docx")
        await Self.expectFailure(
            .corrupt("the Word document has no word/document.xml"), try Self.fixture("missing-document-xml.docx"),
            filename: nil)
        // A ZIP that is no Word document at all is simply not a résumé format.
        let otherZip = try Self.zip([("notes/readme.txt", Array("hello".utf8))])
        await Self.expectFailure(.unsupportedType, otherZip, filename: "archive.zip")
    }

    @Test func stopsADOCXZipBombQuickly() async throws {
        let bomb = try Self.fixture("zip-bomb.docx")
        #expect(bomb.count < 150_000)
        let clock = ContinuousClock()
        let started = clock.now
        let error = try #require(await Self.failure(of: bomb, filename: "zip-bomb.docx"))
        #expect(clock.now - started < .seconds(10))
        guard case .unsafeArchive(let detail) = error else {
            Issue.record("expected .unsafeArchive, got \(error)")
            return
        }
        #expect(detail.contains("word/document.xml"))
    }

    @Test func refusesLegacyWordFiles() async throws {
        let legacy = try Self.fixture("legacy.doc")
        let error = try #require(await Self.failure(of: legacy, filename: "legacy.doc"))
        #expect(error == .legacyOfficeFormat)
        #expect(error.reason.contains(".docx"))
    }

    @Test func refusesOversizedUploadsBeforeReadingThem() async throws {
        // Garbage one byte over the cap: refused for its size, not its type.
        var oversized = [UInt8](repeating: 0xFF, count: DocumentTextExtractor.maximumBytes + 1)
        oversized.replaceSubrange(0..<5, with: Array("%PDF-".utf8))
        await Self.expectFailure(.tooLarge, oversized, filename: "big.pdf")
        #expect(DocumentError.tooLarge.reason.contains("10 MiB"))
    }

    @Test func refusesUnsupportedBytes() async throws {
        var generator = SystemRandomNumberGenerator()
        let garbage = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) } + [0x00, 0xFF]
        await Self.expectFailure(.unsupportedType, garbage, filename: "resume.txt")
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 64)
        await Self.expectFailure(.unsupportedType, png, filename: "resume.png")
        let rtf = Array(#"{\rtf1\ansi\deff0 {\fonttbl {\f0 Times;}} Alex Morgan, Senior Engineer \par }"#.utf8)
        await Self.expectFailure(.unsupportedType, rtf, filename: "resume.rtf")
        await Self.expectFailure(.unsupportedType, Array("<html><body>Alex</body></html>".utf8), filename: nil)
        #expect(DocumentError.unsupportedType.reason.contains("PDF"))
    }

    @Test func refusesEmptyAndNearlyEmptyText() async throws {
        await Self.expectFailure(.noExtractableText, [], filename: "empty.txt")
        await Self.expectFailure(.noExtractableText, Array("Alex Morgan\n\n   \n".utf8), filename: nil)
        let docx = try Self.docx(body: "<w:p><w:r><w:t>Page 1</w:t></w:r></w:p>")
        await Self.expectFailure(.noExtractableText, docx, filename: "cv.docx")
    }

    // MARK: - The PDF reader process

    /// A stand-in for pdftotext (a script on disk) to drive the timeout, the
    /// output cap and the memory limit; the real one is too quick to time out.
    static func script(_ body: String) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("fake-pdftotext-\(UUID().uuidString).sh").path
        try Data("#!/bin/sh\n\(body)\n".utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: path)
        return path
    }

    @Test func timesOutAHangingReader() async throws {
        let hanging = try Self.script("exec sleep 60")
        defer { try? FileManager.default.removeItem(atPath: hanging) }
        let extractor = DocumentTextExtractor(pdftotext: hanging, timeout: .milliseconds(300))
        let clock = ContinuousClock()
        let started = clock.now
        await Self.expectFailure(
            .timedOut, try Self.fixture("emma-larsen-frontend.pdf"), filename: nil, extractor: extractor)
        #expect(clock.now - started < .seconds(10))
    }

    @Test func killsAReaderThatIgnoresSIGTERM() async throws {
        let stubborn = try Self.script("trap '' TERM\nwhile :; do sleep 1; done")
        defer { try? FileManager.default.removeItem(atPath: stubborn) }
        let extractor = DocumentTextExtractor(pdftotext: stubborn, timeout: .milliseconds(300))
        let clock = ContinuousClock()
        let started = clock.now
        await Self.expectFailure(
            .timedOut, try Self.fixture("emma-larsen-frontend.pdf"), filename: nil, extractor: extractor)
        #expect(clock.now - started < .seconds(15))
    }

    @Test func capsTheReadersOutput() async throws {
        let flood = try Self.script("exec yes 'a line of text that never ends'")
        defer { try? FileManager.default.removeItem(atPath: flood) }
        let extractor = DocumentTextExtractor(pdftotext: flood, timeout: .seconds(30))
        let error = try #require(
            await Self.failure(of: try Self.fixture("emma-larsen-frontend.pdf"), filename: nil, extractor: extractor))
        guard case .extractionFailed(let detail) = error else {
            Issue.record("expected .extractionFailed, got \(error)")
            return
        }
        #expect(detail.contains("4 MiB"))
    }

    @Test(.enabled(if: PDFTextReader.executablePath("prlimit") != nil, "needs util-linux prlimit"))
    func appliesTheMemoryLimit() async throws {
        // 16 MiB of address space is too little for pdftotext to even load its libraries.
        let starved = DocumentTextExtractor(memoryLimitBytes: 16 * 1_048_576)
        let error = try #require(
            await Self.failure(of: try Self.fixture("emma-larsen-frontend.pdf"), filename: nil, extractor: starved))
        guard case .extractionFailed = error else {
            Issue.record("expected .extractionFailed, got \(error)")
            return
        }
    }

    @Test func reportsAMissingReader() async throws {
        let extractor = DocumentTextExtractor(pdftotext: "/nonexistent/bin/pdftotext")
        let error = try #require(
            await Self.failure(of: try Self.fixture("emma-larsen-frontend.pdf"), filename: nil, extractor: extractor))
        guard case .extractorUnavailable = error else {
            Issue.record("expected .extractorUnavailable, got \(error)")
            return
        }
        #expect(!error.isClientError)
        // DOCX and text need no external program.
        let docx = try await extractor.extract(try Self.fixture("emma-larsen-frontend.docx"), filename: nil)
        #expect(docx.kind == .docx)
    }

    @Test func readsManyPDFsAtOnce() async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: scratch) }
        var reader = PDFTextReader(pdftotext: "pdftotext", timeout: .seconds(60), memoryLimitBytes: 512 * 1_048_576)
        reader.temporaryDirectory = scratch
        let extractor = DocumentTextExtractor(pdf: reader)
        let names = try Self.resumeNames()
        let pdfs = try names.map { try Self.fixture("\($0).pdf") }
        let kinds = try await withThrowingTaskGroup(of: DocumentKind.self) { group in
            for round in 0..<3 {
                for pdf in pdfs {
                    group.addTask { try await extractor.extract(pdf, filename: "\(round).pdf").kind }
                }
            }
            return try await group.reduce(into: [DocumentKind]()) { $0.append($1) }
        }
        #expect(kinds.count == names.count * 3 && kinds.allSatisfy { $0 == .pdf })
        // Every private copy of an upload was removed.
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
    }

    // MARK: - Normalisation

    @Test func normalisesText() {
        let raw =
            "Alex  Morgan \r\nSenior\u{00A0}Engineer\t \rSoft\u{00AD}ware \u{FB01}nance \u{FB02}ow e\u{0301}\n\n\n\n"
            + "\u{0C}Next page\u{200B}\n\n\nEnd\u{0007}  "
        #expect(
            ExtractedText.normalised(raw)
                == "Alex  Morgan\nSenior Engineer\nSoftware finance flow \u{00E9}\n\nNext page\n\nEnd")
        #expect(ExtractedText.normalised("\n\n  \nText") == "Text")
    }

    // MARK: - WordprocessingML

    static func zip(_ entries: [(String, [UInt8])]) throws -> [UInt8] { try SafeZipArchiveTests.zip(entries) }

    static let wordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    static func docx(body: String, extra: [(String, String)] = []) throws -> [UInt8] {
        let document = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="\(wordNamespace)" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>\(body)</w:body></w:document>
            """
        return try zip([("word/document.xml", Array(document.utf8))] + extra.map { ($0.0, Array($0.1.utf8)) })
    }

    static func lines(_ body: String) throws -> [String] {
        try WordprocessingText.lines(
            of: Array("<w:document xmlns:w=\"\(wordNamespace)\"><w:body>\(body)</w:body></w:document>".utf8))
    }

    @Test func readsWordprocessingRuns() throws {
        let body = """
            <w:p><w:pPr><w:tabs><w:tab w:val="right" w:pos="9000"/></w:tabs></w:pPr>\
            <w:r><w:t xml:space="preserve">Acme &amp; Sons &lt;AT&gt; </w:t></w:r><w:r><w:tab/><w:t>2020 &#8211; heute&#x21;</w:t></w:r></w:p>\
            <w:p><w:r><w:t>line</w:t><w:br/><w:t>break</w:t><w:instrText>PAGE</w:instrText><w:delText>gone</w:delText></w:r></w:p>\
            <w:p/>\
            <w:p><w:pPr><w:pStyle w:val="ListBullet"/></w:pPr><w:r><w:t>styled bullet</w:t></w:r></w:p>\
            <w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t><![CDATA[numbered <bullet>]]></w:t></w:r></w:p>\
            <!-- a comment with <w:t>no text</w:t> -->
            """
        #expect(
            try Self.lines(body) == [
                "Acme & Sons <AT> \t2020 – heute!", "line\nbreak", "", "• styled bullet", "• numbered <bullet>",
            ])
    }

    @Test func readsTablesAndTextBoxesOnce() throws {
        let cell = { (text: String) in "<w:tc><w:p><w:r><w:t>\(text)</w:t></w:r></w:p></w:tc>" }
        let twoParagraphCell =
            "<w:tc><w:p><w:r><w:t>Title</w:t></w:r></w:p><w:p><w:r><w:t>Company</w:t></w:r></w:p></w:tc>"
        let body = """
            <w:tbl><w:tr>\(cell("Java"))\(cell("Expert"))</w:tr><w:tr>\(cell("2019"))\(twoParagraphCell)</w:tr></w:tbl>\
            <w:p><w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent><w:p><w:r><w:t>In a box</w:t></w:r></w:p>\
            </w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>In a box</w:t></w:r></w:p>\
            </w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent><w:t>After</w:t></w:r></w:p>
            """
        #expect(try Self.lines(body) == ["Java\tExpert", "2019\tTitle", "Company", "", "In a box", "After"])
    }

    @Test func refusesMalformedWordprocessingML() async throws {
        #expect(throws: WordprocessingText.Failure.documentTypeDeclaration) {
            try WordprocessingText.lines(of: Array("<!DOCTYPE w [<!ENTITY a \"aaaa\">]><w:p/>".utf8))
        }
        #expect(throws: WordprocessingText.Failure.notWellFormed) {
            try WordprocessingText.lines(of: Array("<w:p><w:r><w:t>unterminated".utf8) + Array("<w:t".utf8))
        }
        let withDTD = try Self.zip([
            ("word/document.xml", Array("<!DOCTYPE lol [<!ENTITY lol \"lol\">]><w:document/>".utf8))
        ])
        let error = try #require(await Self.failure(of: withDTD, filename: nil))
        guard case .corrupt(let detail) = error else {
            Issue.record("expected .corrupt, got \(error)")
            return
        }
        #expect(detail.contains("document type"))
    }

    @Test func readsHeadersAndTheRelationshipTarget() async throws {
        let rels = """
            <?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/main.xml"/>\
            </Relationships>
            """
        let namespace = Self.wordNamespace
        let part = { (text: String) in
            "<w:hdr xmlns:w=\"\(namespace)\"><w:p><w:r><w:t>\(text)</w:t></w:r></w:p></w:hdr>"
        }
        let body = (1...6).map { "<w:p><w:r><w:t>Experience line \($0) with enough words to count.</w:t></w:r></w:p>" }
        let main = "<w:document xmlns:w=\"\(namespace)\"><w:body>\(body.joined())</w:body></w:document>"
        let bytes = try Self.zip([
            ("_rels/.rels", Array(rels.utf8)), ("word/main.xml", Array(main.utf8)),
            ("word/header1.xml", Array(part("Alex Morgan · alex@example.com").utf8)),
            ("word/header2.xml", Array(part("Alex Morgan · alex@example.com").utf8)),
            ("word/footer1.xml", Array(part("Page 1").utf8)),
        ])
        let document = try await Self.extractor.extract(bytes, filename: nil)
        #expect(document.kind == .docx)
        #expect(document.text.hasPrefix("Alex Morgan · alex@example.com\n\nExperience line 1"))
        #expect(document.text.hasSuffix("Experience line 6 with enough words to count.\n\nPage 1"))
        #expect(document.text.components(separatedBy: "Alex Morgan").count == 2)
    }
}
