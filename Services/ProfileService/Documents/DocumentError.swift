/// Why an uploaded document gave no text. Every case but `extractorUnavailable`
/// is the file's fault (a 4xx); `reason` is the human-readable detail the
/// controllers put into the problem+json answer.
enum DocumentError: Error, Sendable, Equatable {
    /// More than `DocumentTextExtractor.maximumBytes`; checked before anything is read.
    case tooLarge
    /// Neither PDF, DOCX, UTF-8/UTF-16 text nor Markdown.
    case unsupportedType
    /// An OLE2 compound file: a Word 97–2003 `.doc`, or any password-protected
    /// Office file (Office encrypts a `.docx` into an OLE2 container).
    case legacyOfficeFormat
    /// A PDF that needs a password to open.
    case encrypted
    /// Damaged or not what its signature says; the detail says what failed.
    case corrupt(String)
    /// A DOCX whose archive breaks the limits on entries or inflated size (a zip bomb).
    case unsafeArchive(String)
    /// Nothing (or almost nothing) readable: a scanned PDF, an image-only DOCX, an empty file.
    case noExtractableText
    /// Reading the PDF took longer than the configured timeout (or its CPU limit).
    case timedOut
    /// The PDF reader stopped abnormally on this file: out of memory under the
    /// limit, a crash, or more output than any résumé has.
    case extractionFailed(String)
    /// The PDF reader is not installed or cannot be started: the server's fault.
    case extractorUnavailable(String)

    var reason: String {
        switch self {
        case .tooLarge:
            "the file is larger than 10 MiB: upload a smaller file"
        case .unsupportedType:
            "unsupported file type: upload a PDF, a Word document (.docx), a plain-text (.txt) or a Markdown (.md) file"
        case .legacyOfficeFormat:
            "this is a legacy Word (.doc) file or a password-protected Office document: save it as an unprotected "
                + ".docx or as a PDF and upload it again"
        case .encrypted:
            "the PDF is password-protected: remove the password and upload it again"
        case .corrupt(let detail):
            "the file is damaged and cannot be read: \(detail)"
        case .unsafeArchive(let detail):
            "the Word document was refused: \(detail)"
        case .noExtractableText:
            "no extractable text: upload a text-based PDF or DOCX"
        case .timedOut:
            "reading the file took too long: upload a simpler PDF or a DOCX"
        case .extractionFailed(let detail):
            "the PDF could not be read: \(detail)"
        case .extractorUnavailable(let detail):
            "PDF reading is not available on this server: \(detail)"
        }
    }

    /// False only when the server, not the file, is at fault.
    var isClientError: Bool {
        if case .extractorUnavailable = self { return false }
        return true
    }
}
