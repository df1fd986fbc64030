/// Turns an uploaded résumé file into text: the size cap first, then the type
/// from the bytes' signature (`DocumentSignature`), then the reader for that
/// type, then `ExtractedText`'s normalisation. A document with no or almost no
/// text (a scan) is refused rather than handed to the parser, which would
/// otherwise invent a profile from a page footer.
struct DocumentTextExtractor: Sendable {
    static let maximumBytes = 10 * 1_048_576
    /// Fewer non-space characters than this is no text at all…
    static let minimumVisibleCharacters = 50
    /// …and fewer than this per PDF page on average is a scan with a stray
    /// header or a scanner's watermark ("Scanned with …") on each page.
    static let minimumVisibleCharactersPerPage = 80

    let pdf: PDFTextReader

    /// - Parameters:
    ///   - pdftotext: the program name (looked up on PATH, then /usr/bin) or a path.
    ///   - timeout: wall-clock limit for one PDF.
    ///   - memoryLimitBytes: address-space limit for the PDF reader (where prlimit exists).
    init(pdftotext: String = "pdftotext", timeout: Duration = .seconds(20), memoryLimitBytes: Int = 512 * 1_048_576) {
        pdf = PDFTextReader(pdftotext: pdftotext, timeout: timeout, memoryLimitBytes: memoryLimitBytes)
    }

    init(pdf: PDFTextReader) {
        self.pdf = pdf
    }

    func extract(_ bytes: [UInt8], filename: String?) async throws(DocumentError) -> ExtractedDocument {
        guard bytes.count <= Self.maximumBytes else { throw .tooLarge }
        let document: ExtractedDocument
        switch DocumentSignature(bytes, filename: filename) {
        case .pdf:
            let (text, pages) = try await pdf.text(of: bytes)
            document = ExtractedDocument(kind: .pdf, text: ExtractedText.normalised(text), pageCount: pages)
        case .zip:
            let text = try WordDocumentReader.text(of: bytes, filename: filename)
            document = ExtractedDocument(kind: .docx, text: ExtractedText.normalised(text), pageCount: nil)
        case .ole2:
            throw .legacyOfficeFormat
        case .text(let text, let markdown):
            document = ExtractedDocument(
                kind: markdown ? .markdown : .text, text: ExtractedText.normalised(text), pageCount: nil)
        case .unsupported:
            throw .unsupportedType
        }
        let visible = ExtractedText.visibleCharacterCount(document.text)
        let pages = document.pageCount ?? 1
        guard visible >= Self.minimumVisibleCharacters, visible >= Self.minimumVisibleCharactersPerPage * pages else {
            throw .noExtractableText
        }
        return document
    }
}
