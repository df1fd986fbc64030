/// Why the routing table was refused. The service does not start with a table
/// that would make Ollama reload models or send options it rejects, so each
/// error names the task and the field to fix.
struct ModelRoutingError: Error, Sendable, Equatable, CustomStringConvertible {
    enum Code: Sendable, Equatable {
        /// The file could not be read or is not JSON.
        case unreadable
        /// A task name that `ModelTask` does not know, or a task the table lacks.
        case unknownTask
        case missingTask
        /// A required field is absent, or a field the format does not have is present.
        case missingField
        case unknownField
        /// A field has the wrong type or is out of range.
        case invalidValue
        /// Two tasks share a model with different load-time options (`num_ctx`, `num_thread`).
        case conflictingLoadOptions
    }

    let code: Code
    let message: String
    /// The task the error is about, in the file's spelling ("skillsAnalysis"), when there is one.
    var task: String?
    /// The field, as a path inside the task ("options.num_ctx"), when there is one.
    var field: String?

    init(_ code: Code, _ message: String, task: String? = nil, field: String? = nil) {
        self.code = code
        self.message = message
        self.task = task
        self.field = field
    }

    var description: String { "ModelRoutingError(\(code)): \(message)" }
}
