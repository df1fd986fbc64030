import Contracts

/// The JSON Resume subset the extraction model fills in: what a résumé's text
/// states and profile-service can check against it (contact details, jobs,
/// schooling, skills, languages, certificates, projects). Summaries and the
/// `x-careergini` skills stay the deterministic parser's.
///
/// The schema goes to the runtime as `format` (Ollama turns it into a grammar)
/// and into the system prompt, so it stays small: no descriptions, and nothing
/// required below the top level, so the model can leave out what the text lacks.
enum ResumeExtractionSchema {
    /// "2019" or "2019-03": the partial ISO 8601 dates JSON Resume uses. Only the
    /// shape: the validator checks the ranges, and every character here is paid
    /// for again in the prompt, once per date field.
    static let datePattern = "^[0-9]{4}(-[0-9]{2})?$"

    static let schema: JSONValue = object(
        [
            "basics": object([
                "name": text, "label": text, "email": text, "phone": text, "url": text,
                "location": object(["city": text]),
                "profiles": list(of: object(["network": text, "username": text, "url": text])),
            ]),
            "work": list(
                of: object([
                    "name": text, "position": text, "location": text, "startDate": date, "endDate": date,
                    "highlights": texts,
                ])),
            "education": list(
                of: object([
                    "institution": text, "studyType": text, "area": text, "startDate": date, "endDate": date,
                ])),
            "skills": list(of: object(["name": text, "level": text, "keywords": texts])),
            "languages": list(of: object(["language": text, "fluency": text])),
            "certificates": list(of: object(["name": text, "issuer": text, "date": date, "url": text])),
            "projects": list(
                of: object([
                    "name": text, "description": text, "url": text, "startDate": date, "endDate": date,
                    "highlights": texts, "keywords": texts,
                ])),
        ],
        required: ["basics", "work", "education"])

    private static let text: JSONValue = .object(["type": .string("string")])
    private static let texts: JSONValue = list(of: text)
    private static let date: JSONValue = .object(["type": .string("string"), "pattern": .string(datePattern)])

    private static func list(of item: JSONValue) -> JSONValue {
        .object(["type": .string("array"), "items": item])
    }

    private static func object(_ properties: [String: JSONValue], required: [String] = []) -> JSONValue {
        var members: [String: JSONValue] = ["type": .string("object"), "properties": .object(properties)]
        if !required.isEmpty { members["required"] = .array(required.map { .string($0) }) }
        return .object(members)
    }
}
