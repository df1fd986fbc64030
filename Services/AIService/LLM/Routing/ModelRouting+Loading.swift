import Foundation
import ServiceKit

extension ModelRouting {
    /// Names the routing table file; relative paths are taken from the working directory.
    static let fileVariable = "OLLAMA_MODELS_FILE"
    /// `num_thread` for every model.
    static let numThreadVariable = "OLLAMA_NUM_THREAD"
    /// `keep_alive` for every task. Ollama's server reads the same name for its
    /// own default, so one setting in the environment means the same in both.
    static let keepAliveVariable = "OLLAMA_KEEP_ALIVE"
    /// Where the table is looked for when `OLLAMA_MODELS_FILE` is unset.
    static let defaultFile = "ollama/models.json"
    /// Prefix of `OLLAMA_MODEL_<TASK>`, e.g. `OLLAMA_MODEL_SKILLS_ANALYSIS`.
    static let modelVariablePrefix = "OLLAMA_MODEL_"

    /// Every variable the loader reads, for callers that pass a filtered environment.
    static var environmentVariables: [String] {
        [fileVariable, numThreadVariable, keepAliveVariable] + ModelTask.allCases.map(\.modelOverrideVariable)
    }

    /// Loads the table from `OLLAMA_MODELS_FILE`, else `ollama/models.json` under
    /// `currentDirectory` when it exists, else the built-in defaults (DESIGN.md §4);
    /// then applies `OLLAMA_MODEL_<TASK>`, `OLLAMA_NUM_THREAD` and `OLLAMA_KEEP_ALIVE`.
    ///
    /// Throws `ConfigurationError` for a bad variable and `ModelRoutingError` for
    /// a bad table. Reads the file synchronously: call it at start, not per request.
    static func load(
        _ reader: inout EnvironmentReader,
        currentDirectory: String = FileManager.default.currentDirectoryPath,
        processorCount: Int = ProcessInfo.processInfo.activeProcessorCount
    ) throws -> ModelRouting {
        let (table, source) = try readTable(&reader, currentDirectory: currentDirectory)
        let overrides = try readOverrides(&reader)
        do {
            return try table.resolve(overrides, processorCount: processorCount, source: source)
        } catch let error as ModelRoutingError {
            throw ModelRoutingError(error.code, "\(source): \(error.message)", task: error.task, field: error.field)
        }
    }

    /// `load(_:)` for callers that hold a plain environment dictionary.
    static func load(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath,
        processorCount: Int = ProcessInfo.processInfo.activeProcessorCount
    ) throws -> ModelRouting {
        var reader = EnvironmentReader(environment)
        return try load(&reader, currentDirectory: currentDirectory, processorCount: processorCount)
    }

    private static func readTable(
        _ reader: inout EnvironmentReader, currentDirectory: String
    ) throws -> (ModelRoutingTable, source: String) {
        let base = URL(fileURLWithPath: currentDirectory, isDirectory: true)
        let path: String
        if let named = reader.optionalString(fileVariable) {
            path = URL(fileURLWithPath: named, relativeTo: base).path
            guard FileManager.default.fileExists(atPath: path) else {
                throw ConfigurationError(variable: fileVariable, reason: "no file at '\(path)'")
            }
        } else {
            path = base.appendingPathComponent(defaultFile).path
            guard FileManager.default.fileExists(atPath: path) else { return (.builtIn, "built-in defaults") }
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ModelRoutingError(.unreadable, "cannot read the routing table at '\(path)'")
        }
        do {
            return (try ModelRoutingTable.parse(data), path)
        } catch let error as ModelRoutingError {
            throw ModelRoutingError(error.code, "\(path): \(error.message)", task: error.task, field: error.field)
        }
    }

    private static func readOverrides(_ reader: inout EnvironmentReader) throws -> ModelRoutingTable.Overrides {
        var overrides = ModelRoutingTable.Overrides()
        let known = Set(ModelTask.allCases.map(\.modelOverrideVariable))
        if let unknown = reader.values.keys.sorted().first(where: {
            $0.hasPrefix(modelVariablePrefix) && !known.contains($0)
        }) {
            throw ConfigurationError(
                variable: unknown, reason: "names no task (known: \(known.sorted().joined(separator: ", ")))")
        }
        for task in ModelTask.allCases {
            if let model = reader.optionalString(task.modelOverrideVariable) { overrides.models[task] = model }
        }
        if reader.optionalString(numThreadVariable) != nil {
            overrides.numThread = try reader.int(numThreadVariable, default: 1, in: ModelRoutingLimits.numThread)
        }
        if let text = reader.optionalString(keepAliveVariable) {
            guard let keepAlive = KeepAlive.normalised(text) else {
                throw ConfigurationError(
                    variable: keepAliveVariable, reason: "'\(text)' is not a duration such as 30m, 1h, 0 or -1")
            }
            overrides.keepAlive = keepAlive
        }
        return overrides
    }
}
