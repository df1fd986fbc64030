import Contracts
import Foundation

extension ModelRoutingTable {
    /// Reads the `ollama/models.json` format:
    ///
    ///     {"defaults": {"keepAlive": "30m", "numThread": null},
    ///      "tasks": {"chat": {"model": "…", "options": {"num_ctx": 4096, …}, "keepAlive": "30m"}, …,
    ///                "embeddings": {"model": "all-minilm", "options": {"num_ctx": 256}, "dimensions": 384}}}
    ///
    /// Strict: an unknown key is refused rather than ignored, so a typo such as
    /// `"num-ctx"` cannot silently leave a model on Ollama's default context.
    static func parse(_ data: Data) throws -> ModelRoutingTable {
        let document: JSONValue
        do {
            document = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw ModelRoutingError(.unreadable, "the routing table is not valid JSON: \(error)")
        }
        let root = try FieldReader(document, task: nil, path: "")
        try root.allowOnly(["defaults", "tasks"])

        var defaultKeepAlive = "30m"
        var defaultNumThread: Int?
        if let defaults = try root.object("defaults") {
            try defaults.allowOnly(["keepAlive", "numThread"])
            defaultKeepAlive = try defaults.keepAlive("keepAlive") ?? defaultKeepAlive
            defaultNumThread = try defaults.int("numThread", in: ModelRoutingLimits.numThread)
        }

        guard let tasksObject = try root.object("tasks") else {
            throw ModelRoutingError(.missingField, "the routing table has no \"tasks\" object", field: "tasks")
        }
        var tasks: [ModelTask: Entry] = [:]
        for name in tasksObject.keys {
            guard let task = ModelTask(rawValue: name) else {
                let known = ModelTask.allCases.map(\.rawValue).joined(separator: ", ")
                throw ModelRoutingError(
                    .unknownTask, "unknown task \"\(name)\" in the routing table (known: \(known))", task: name)
            }
            guard let entryObject = try tasksObject.object(name, task: name) else {
                throw ModelRoutingError(.invalidValue, "task \(name): must be an object", task: name)
            }
            tasks[task] = try entry(entryObject)
        }
        for task in ModelTask.allCases where tasks[task] == nil {
            throw ModelRoutingError(
                .missingTask, "task \(task.rawValue) has no route in the routing table", task: task.rawValue)
        }
        return ModelRoutingTable(defaultKeepAlive: defaultKeepAlive, defaultNumThread: defaultNumThread, tasks: tasks)
    }

    private static func entry(_ object: FieldReader) throws -> Entry {
        try object.allowOnly(["model", "options", "keepAlive", "dimensions"])
        guard let model = try object.string("model"), !model.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw object.error(.missingField, "model", "is missing")
        }
        var options = ModelOptions()
        if let optionsObject = try object.object("options") {
            try optionsObject.allowOnly(["num_ctx", "num_thread", "temperature", "top_p", "num_predict"])
            options.numCtx = try optionsObject.int("num_ctx", in: ModelRoutingLimits.numCtx)
            options.numThread = try optionsObject.int("num_thread", in: ModelRoutingLimits.numThread)
            options.temperature = try optionsObject.double("temperature", in: ModelRoutingLimits.temperature)
            options.topP = try optionsObject.double("top_p", in: ModelRoutingLimits.topP)
            options.numPredict = try optionsObject.int("num_predict", in: ModelRoutingLimits.numPredict)
            if options.numPredict == 0 {
                throw optionsObject.error(.invalidValue, "num_predict", "must be positive, or -1 for no limit")
            }
        }
        return Entry(
            model: model, options: options, keepAlive: try object.keepAlive("keepAlive"),
            dimensions: try object.int("dimensions", in: ModelRoutingLimits.dimensions))
    }
}

/// The ranges the table's values must fall in.
enum ModelRoutingLimits {
    static let numCtx = 256...131_072
    static let numThread = 1...1024
    static let temperature = 0.0...2.0
    static let topP = 0.0...1.0
    /// -1 is Ollama's "until the context is full"; 0 is refused separately.
    static let numPredict = -1...131_072
    static let dimensions = 1...65_536
}

/// Typed access to one JSON object of the table, with errors that name the task
/// and the field's path ("options.num_ctx").
private struct FieldReader {
    let members: [String: JSONValue]
    let task: String?
    let path: String

    init(_ value: JSONValue, task: String?, path: String) throws {
        guard case .object(let members) = value else {
            let location = path.isEmpty ? (task == nil ? "the routing table" : "the entry") : path
            throw ModelRoutingError(
                .invalidValue, Self.prefix(task) + "\(location) must be a JSON object", task: task, field: path)
        }
        self.members = members
        self.task = task
        self.path = path
    }

    var keys: [String] { members.keys.sorted() }

    func allowOnly(_ allowed: Set<String>) throws {
        if let unknown = members.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw error(
                .unknownField, unknown, "is not a field (expected one of: \(allowed.sorted().joined(separator: ", ")))")
        }
    }

    func object(_ key: String, task taskName: String? = nil) throws -> FieldReader? {
        guard let value = present(key) else { return nil }
        let taskForChild = taskName ?? task
        let childPath = taskName == nil ? qualified(key) : ""
        return try FieldReader(value, task: taskForChild, path: childPath)
    }

    func string(_ key: String) throws -> String? {
        guard let value = present(key) else { return nil }
        guard case .string(let text) = value else { throw error(.invalidValue, key, "must be a string") }
        return text
    }

    func keepAlive(_ key: String) throws -> String? {
        guard let text = try string(key) else { return nil }
        guard let normalised = KeepAlive.normalised(text) else {
            throw error(.invalidValue, key, "'\(text)' is not a duration such as \"30m\", \"1h\", \"0\" or \"-1\"")
        }
        return normalised
    }

    func int(_ key: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let value = present(key) else { return nil }
        guard case .number(let number) = value, number.rounded() == number, let whole = Int(exactly: number) else {
            throw error(.invalidValue, key, "must be a whole number")
        }
        guard range.contains(whole) else {
            throw error(.invalidValue, key, "\(whole) is outside \(range.lowerBound)…\(range.upperBound)")
        }
        return whole
    }

    func double(_ key: String, in range: ClosedRange<Double>) throws -> Double? {
        guard let value = present(key) else { return nil }
        guard case .number(let number) = value else { throw error(.invalidValue, key, "must be a number") }
        guard range.contains(number) else {
            throw error(.invalidValue, key, "\(number) is outside \(range.lowerBound)…\(range.upperBound)")
        }
        return number
    }

    func error(_ code: ModelRoutingError.Code, _ key: String, _ problem: String) -> ModelRoutingError {
        let field = qualified(key)
        return ModelRoutingError(code, Self.prefix(task) + "\(field) \(problem)", task: task, field: field)
    }

    /// A JSON `null` counts as absent, so `"numThread": null` means "use the default".
    private func present(_ key: String) -> JSONValue? {
        guard let value = members[key], value != .null else { return nil }
        return value
    }

    private func qualified(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    private static func prefix(_ task: String?) -> String { task.map { "task \($0): " } ?? "" }
}
