/// `POST /internal/extract/resume` on the AI service: profile-service sends a
/// résumé's text and the structure its deterministic parser found; the
/// extraction model returns a refined structure. profile-service keeps a field
/// the model changed only when the text supports it.
public struct ResumeExtractionRequest: Codable, Sendable, Equatable {
    /// The document's text as extracted (pdftotext, DOCX XML), at most 60,000 characters.
    public var text: String
    /// What the deterministic parser found; the model refines it.
    public var draft: Resume

    public init(text: String, draft: Resume) {
        self.text = text
        self.draft = draft
    }
}

public struct ResumeExtractionResponse: Codable, Sendable, Equatable {
    /// The model's structure, or nil when no model contributed (`llm.reason` says why).
    public var resume: Resume?
    public var llm: LLMUsage

    public init(resume: Resume?, llm: LLMUsage) {
        self.resume = resume
        self.llm = llm
    }
}
