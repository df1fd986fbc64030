import Foundation
import ServiceKit
import Testing

@testable import AIService

@Suite("Model routing table")
struct ModelRoutingTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let ollamaFolder = repositoryRoot.appendingPathComponent("ollama")

    static let qwen = "qwen2.5:7b-instruct-q4_K_M"
    static let phi3 = "phi3:3.8b-mini-4k-instruct-q4_K_M"
    static let coder = "qwen2.5-coder:7b-instruct-q4_K_M"
    static let embedder = "all-minilm"

    /// Loads with no file in the working directory: the built-in defaults.
    static func builtIn(_ environment: [String: String] = [:], processorCount: Int = 8) throws -> ModelRouting {
        try ModelRouting.load(
            environment: environment, currentDirectory: FileManager.default.temporaryDirectory.path,
            processorCount: processorCount)
    }

    static func resolve(_ json: String) throws -> ModelRouting {
        try ModelRoutingTable.parse(Data(json.utf8)).resolve(processorCount: 8, source: "test")
    }

    /// The repository's models.json with one task's entry replaced.
    static func tableJSON(replacing task: String, with entry: String) throws -> String {
        let text = try String(contentsOf: ollamaFolder.appendingPathComponent("models.json"), encoding: .utf8)
        var object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        var tasks = try #require(object["tasks"] as? [String: Any])
        tasks[task] = try JSONSerialization.jsonObject(with: Data(entry.utf8))
        object["tasks"] = tasks
        return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    @Test("the built-in defaults are DESIGN.md §4's table")
    func defaultsMatchDesign() throws {
        let routing = try Self.builtIn()
        #expect(routing.source == "built-in defaults")
        let expected: [(ModelTask, String, Int, Double?)] = [
            (.chat, Self.qwen, 4096, 0.7), (.resume, Self.qwen, 4096, 0.7), (.routing, Self.qwen, 4096, 0.7),
            (.extraction, Self.phi3, 4096, 0.3), (.jobMatching, Self.phi3, 4096, 0.3),
            (.learningCuration, Self.phi3, 4096, 0.3), (.skillsAnalysis, Self.coder, 4096, 0.2),
            (.embeddings, "all-minilm", 256, nil),
        ]
        for (task, model, numCtx, temperature) in expected {
            let route = routing.route(for: task)
            #expect(route.model == model, "\(task)")
            #expect(route.options.numCtx == numCtx, "\(task)")
            #expect(route.options.temperature == temperature, "\(task)")
            #expect(route.options.numThread == 6, "\(task): 75 % of 8 cores")
            #expect(route.keepAlive == "30m", "\(task)")
            if task != .embeddings {
                #expect(route.options.topP == 0.9, "\(task)")
                let numPredict = try #require(route.options.numPredict, "\(task)")
                #expect(numPredict > 0 && numPredict < numCtx / 2, "\(task) leaves room for a prompt")
            }
        }
        #expect(routing.route(for: .embeddings).dimensions == 384)
        #expect(routing.models == [Self.qwen, Self.phi3, Self.coder, "all-minilm"])
        #expect(routing.adjustments.isEmpty)
    }

    @Test("ollama/models.json holds exactly the built-in defaults")
    func fileEqualsBuiltIn() throws {
        let data = try Data(contentsOf: Self.ollamaFolder.appendingPathComponent("models.json"))
        #expect(try ModelRoutingTable.parse(data) == ModelRoutingTable.builtIn)

        let fromFile = try ModelRouting.load(
            environment: [:], currentDirectory: Self.repositoryRoot.path, processorCount: 8)
        #expect(fromFile.source.hasSuffix("ollama/models.json"))
        for task in ModelTask.allCases {
            #expect(fromFile.route(for: task) == (try Self.builtIn()).route(for: task), "\(task)")
        }
    }

    @Test("OLLAMA_MODELS_FILE names the file; relative to the working directory; a missing one is an error")
    func fileVariable() throws {
        let routing = try ModelRouting.load(
            environment: ["OLLAMA_MODELS_FILE": "ollama/models.json"], currentDirectory: Self.repositoryRoot.path)
        #expect(routing.source == Self.ollamaFolder.appendingPathComponent("models.json").path)
        #expect(throws: ConfigurationError.self) {
            try ModelRouting.load(
                environment: ["OLLAMA_MODELS_FILE": "/nonexistent/models.json"],
                currentDirectory: Self.repositoryRoot.path)
        }
    }

    @Test(
        "num_thread defaults to 75 % of the cores, at least 1", arguments: [(1, 1), (2, 1), (4, 3), (8, 6), (16, 12)])
    func numThreadDefault(cores: Int, expected: Int) throws {
        let routing = try Self.builtIn(processorCount: cores)
        for task in ModelTask.allCases { #expect(routing.route(for: task).options.numThread == expected) }
    }

    @Test("OLLAMA_MODEL_<TASK>, OLLAMA_NUM_THREAD and OLLAMA_KEEP_ALIVE override the table")
    func environmentOverrides() throws {
        let routing = try Self.builtIn([
            "OLLAMA_MODEL_SKILLS_ANALYSIS": Self.qwen, "OLLAMA_MODEL_EMBEDDINGS": "nomic-embed-text",
            "OLLAMA_NUM_THREAD": "3", "OLLAMA_KEEP_ALIVE": "-1",
        ])
        #expect(routing.route(for: .skillsAnalysis).model == Self.qwen)
        #expect(routing.route(for: .skillsAnalysis).options.temperature == 0.2, "sampling stays the task's")
        #expect(routing.route(for: .embeddings).model == "nomic-embed-text")
        #expect(routing.models == [Self.qwen, Self.phi3, "nomic-embed-text"])
        for task in ModelTask.allCases {
            #expect(routing.route(for: task).options.numThread == 3)
            #expect(routing.route(for: task).keepAlive == "-1s", "a bare number is seconds")
        }
        #expect(routing.adjustments.isEmpty, "skills analysis already had num_ctx 4096")
    }

    @Test("the environment names every variable the loader reads")
    func environmentVariableNames() {
        #expect(ModelTask.skillsAnalysis.modelOverrideVariable == "OLLAMA_MODEL_SKILLS_ANALYSIS")
        #expect(ModelTask.learningCuration.environmentName == "LEARNING_CURATION")
        #expect(ModelTask.chat.environmentName == "CHAT")
        var reader = EnvironmentReader([:])
        _ = try? ModelRouting.load(&reader, currentDirectory: FileManager.default.temporaryDirectory.path)
        #expect(Set(reader.readVariables) == Set(ModelRouting.environmentVariables))
        #expect(ModelRouting.environmentVariables.count == 3 + ModelTask.allCases.count)
    }

    @Test(
        "bad variables are refused, naming the variable",
        arguments: [
            ["OLLAMA_NUM_THREAD": "many"], ["OLLAMA_NUM_THREAD": "0"], ["OLLAMA_KEEP_ALIVE": "forever"],
            ["OLLAMA_MODEL_SKILLSANALYSIS": "x"],
        ])
    func badVariables(environment: [String: String]) throws {
        let error = try #require(throws: ConfigurationError.self) { try Self.builtIn(environment) }
        #expect(error.variable == environment.keys.first)
    }

    @Test("an override onto a shared model: the model's first-declared task gives num_ctx to all its tasks")
    func overrideOntoSharedModel() throws {
        let chatOnPhi3 = try Self.builtIn(["OLLAMA_MODEL_CHAT": Self.phi3])
        for task in [ModelTask.chat, .extraction, .jobMatching, .learningCuration] {
            #expect(chatOnPhi3.route(for: task).options.numCtx == 4096, "\(task): chat is declared first")
        }
        #expect(chatOnPhi3.route(for: .extraction).options.temperature == 0.3, "only load-time options move")
        #expect(chatOnPhi3.adjustments.isEmpty, "the same num_ctx already: nothing to adjust")

        let extractionOnEmbedder = try Self.builtIn(["OLLAMA_MODEL_EXTRACTION": Self.embedder])
        #expect(extractionOnEmbedder.route(for: .embeddings).options.numCtx == 4096, "extraction is declared first")
        #expect(extractionOnEmbedder.route(for: .extraction).options.numCtx == 4096)
        #expect(extractionOnEmbedder.adjustments.count == 1)
        #expect(extractionOnEmbedder.adjustments.allSatisfy { $0.contains("OLLAMA_MODEL_EXTRACTION") })
    }

    @Test("whatever the overrides, one model never gets two num_ctx or num_thread values")
    func oneLoadConfigurationPerModel() throws {
        let base = try Self.builtIn()
        let candidates = base.models + ["nomic-embed-text"]
        let pairs = ModelTask.allCases.flatMap { task in candidates.map { (task, $0) } }
        for (firstTask, firstModel) in pairs {
            for (secondTask, secondModel) in pairs where secondTask != firstTask {
                let routing = try Self.builtIn([
                    firstTask.modelOverrideVariable: firstModel, secondTask.modelOverrideVariable: secondModel,
                ])
                for model in routing.models {
                    let options = routing.tasks(on: model).map { routing.route(for: $0).options }
                    #expect(Set(options.map(\.numCtx)).count == 1, "\(model) with \(firstTask), \(secondTask)")
                    #expect(Set(options.map(\.numThread)).count == 1, "\(model) with \(firstTask), \(secondTask)")
                    #expect(routing.fixedOptions(model: model)?.numCtx == options.first?.numCtx)
                }
            }
        }
    }

    @Test("the table refuses two tasks on one model with different num_ctx or num_thread")
    func conflictingLoadOptionsRejected() throws {
        let numCtx = try Self.tableJSON(
            replacing: "resume", with: #"{"model": "\#(Self.qwen)", "options": {"num_ctx": 8192}}"#)
        let error = try #require(throws: ModelRoutingError.self) { try Self.resolve(numCtx) }
        #expect(error.code == .conflictingLoadOptions)
        #expect(error.task == "resume" && error.field == "options.num_ctx")
        #expect(error.message.contains("chat"))

        let numThread = try Self.tableJSON(
            replacing: "jobMatching",
            with: #"{"model": "\#(Self.phi3)", "options": {"num_ctx": 4096, "num_thread": 2}}"#)
        let threadError = try #require(throws: ModelRoutingError.self) { try Self.resolve(numThread) }
        #expect(threadError.code == .conflictingLoadOptions)
        #expect(threadError.task == "jobMatching" && threadError.field == "options.num_thread")
    }

    @Test(
        "invalid entries are refused, naming the task and the field",
        arguments: [
            (#"{"options": {"num_ctx": 4096}}"#, .missingField, "model"),
            (#"{"model": "m", "options": {"num_ctx": 100}}"#, .invalidValue, "options.num_ctx"),
            (#"{"model": "m", "options": {"num_ctx": 200000}}"#, .invalidValue, "options.num_ctx"),
            (#"{"model": "m", "options": {"num_ctx": 4096.5}}"#, .invalidValue, "options.num_ctx"),
            (
                #"{"model": "m", "options": {"num_ctx": 4096, "temperature": 2.5}}"#, .invalidValue,
                "options.temperature"
            ),
            (
                #"{"model": "m", "options": {"num_ctx": 4096, "temperature": -0.1}}"#, .invalidValue,
                "options.temperature"
            ),
            (#"{"model": "m", "options": {"num_ctx": 4096, "top_p": 1.5}}"#, .invalidValue, "options.top_p"),
            (#"{"model": "m", "options": {"num_ctx": 4096, "num_predict": 0}}"#, .invalidValue, "options.num_predict"),
            (#"{"model": "m", "options": {"num_ctx": 4096, "num_predict": -2}}"#, .invalidValue, "options.num_predict"),
            (
                #"{"model": "m", "options": {"num_ctx": 4096, "num_predict": 4096}}"#, .invalidValue,
                "options.num_predict"
            ),
            (#"{"model": "m", "options": {"num-ctx": 4096}}"#, .unknownField, "options.num-ctx"),
            (#"{"model": "m", "options": {}}"#, .missingField, "options.num_ctx"),
            (#"{"model": "m", "options": {"num_ctx": 4096}, "keepAlive": "soon"}"#, .invalidValue, "keepAlive"),
            (#"{"model": "m", "options": {"num_ctx": 4096}, "dimensions": 768}"#, .invalidValue, "dimensions"),
            (#"{"model": "m", "options": {"num_ctx": 4096}, "temperature": 0.5}"#, .unknownField, "temperature"),
        ] as [(String, ModelRoutingError.Code, String)])
    func invalidEntry(entry: String, code: ModelRoutingError.Code, field: String) throws {
        let json = try Self.tableJSON(replacing: "chat", with: entry)
        let error = try #require(throws: ModelRoutingError.self) { try Self.resolve(json) }
        #expect(error.code == code, "\(error)")
        #expect(error.task == "chat", "\(error)")
        #expect(error.field == field, "\(error)")
        #expect(error.message.contains("chat") && error.message.contains(field), "\(error)")
    }

    @Test("num_predict -1 (no limit) is accepted")
    func unlimitedPrediction() throws {
        let json = try Self.tableJSON(
            replacing: "chat", with: #"{"model": "\#(Self.qwen)", "options": {"num_ctx": 4096, "num_predict": -1}}"#)
        #expect(try Self.resolve(json).route(for: .chat).options.numPredict == -1)
    }

    @Test("unknown and missing tasks, and embeddings without dimensions, are refused")
    func taskSet() throws {
        let unknown = try Self.tableJSON(replacing: "summarise", with: #"{"model": "m", "options": {"num_ctx": 512}}"#)
        let unknownError = try #require(throws: ModelRoutingError.self) { try Self.resolve(unknown) }
        #expect(unknownError.code == .unknownTask && unknownError.task == "summarise")

        let text = try String(contentsOf: Self.ollamaFolder.appendingPathComponent("models.json"), encoding: .utf8)
        var object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        var tasks = try #require(object["tasks"] as? [String: Any])
        tasks["routing"] = nil
        object["tasks"] = tasks
        let missing = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        let missingError = try #require(throws: ModelRoutingError.self) { try Self.resolve(missing) }
        #expect(missingError.code == .missingTask && missingError.task == "routing")

        let noDimensions = try Self.tableJSON(
            replacing: "embeddings", with: #"{"model": "all-minilm", "options": {"num_ctx": 256}}"#)
        let dimensionsError = try #require(throws: ModelRoutingError.self) { try Self.resolve(noDimensions) }
        #expect(dimensionsError.task == "embeddings" && dimensionsError.field == "dimensions")

        let notJSON = try #require(throws: ModelRoutingError.self) { try Self.resolve("{tasks") }
        #expect(notJSON.code == .unreadable)
    }

    @Test("a bad file names its path in the error")
    func errorNamesFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("routing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("models.json")
        try Data(
            try Self.tableJSON(replacing: "chat", with: #"{"model": "m", "options": {"num_ctx": 1}}"#).utf8
        ).write(to: file)
        let error = try #require(throws: ModelRoutingError.self) {
            try ModelRouting.load(environment: ["OLLAMA_MODELS_FILE": file.path])
        }
        #expect(error.message.hasPrefix(file.path))
    }

    @Test("the most-used model is warmed; a tie goes to the earliest-declared task's model")
    func mostUsedModel() throws {
        #expect(try Self.builtIn().mostUsedModel == Self.qwen, "qwen and phi3 serve three tasks each; chat is first")
        #expect(try Self.builtIn(["OLLAMA_MODEL_CHAT": Self.phi3]).mostUsedModel == Self.phi3)
        #expect(try Self.builtIn(["OLLAMA_MODEL_EXTRACTION": Self.coder]).mostUsedModel == Self.qwen)
    }

    @Test("fixedOptions carries only the load-time options")
    func fixedOptions() throws {
        let routing = try Self.builtIn()
        #expect(routing.fixedOptions(model: Self.phi3) == ModelOptions(numCtx: 4096, numThread: 6))
        #expect(routing.fixedOptions(model: "llama3") == nil)
        #expect(routing.tasks(on: Self.phi3) == [.extraction, .jobMatching, .learningCuration])
    }

    @Test(
        "keep_alive values are Go durations; bare numbers become seconds",
        arguments: [
            ("30m", "30m"), ("1h30m", "1h30m"), ("1.5h", "1.5h"), ("-1m", "-1m"), ("0", "0"), ("300", "300s"),
            ("-1", "-1s"), ("forever", nil), ("5 m", nil), ("", nil), ("m", nil), ("1..5h", nil), ("10d", nil),
        ] as [(String, String?)])
    func keepAlive(text: String, expected: String?) {
        #expect(KeepAlive.normalised(text) == expected)
    }

    @Test("every Modelfile bakes the routing table's options for its model")
    func modelfilesAgree() throws {
        let routing = try Self.builtIn(processorCount: 8)
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.ollamaFolder.path)
            .filter { $0.hasPrefix("Modelfile.") }
        var covered: Set<String> = []
        for file in files {
            let text = try String(contentsOf: Self.ollamaFolder.appendingPathComponent(file), encoding: .utf8)
            var from: String?
            var parameters: [String: String] = [:]
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ").map(String.init)
                if words.first == "FROM", words.count == 2 { from = words[1] }
                if words.first == "PARAMETER", words.count == 3 { parameters[words[1]] = words[2] }
            }
            let model = try #require(from, "\(file) has no FROM")
            let tasks = routing.tasks(on: model)
            try #require(!tasks.isEmpty, "\(file): \(model) serves no task")
            covered.insert(model)
            let options = tasks.map { routing.route(for: $0).options }
            #expect(parameters["num_ctx"].flatMap(Int.init) == routing.fixedOptions(model: model)?.numCtx, "\(file)")
            #expect(
                parameters["num_thread"].flatMap(Int.init) == routing.fixedOptions(model: model)?.numThread, "\(file)")
            for option in options {
                #expect(parameters["temperature"].flatMap(Double.init) == option.temperature, "\(file)")
                #expect(parameters["top_p"].flatMap(Double.init) == option.topP, "\(file)")
            }
        }
        let generationModels = Set(routing.models).subtracting([routing.route(for: .embeddings).model])
        #expect(covered == generationModels, "one Modelfile per generation model")
    }

    @Test("pull-models.sh pulls exactly the routed models, honouring the overrides")
    func pullScriptAgrees() throws {
        for environment in [[:], ["OLLAMA_MODEL_SKILLS_ANALYSIS": Self.qwen]] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["bash", Self.ollamaFolder.appendingPathComponent("pull-models.sh").path, "--dry-run"]
            process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("OLLAMA_") }
                .merging(environment) { $1 }
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            let pulled = String(decoding: data, as: UTF8.self).split(separator: "\n")
                .filter { $0.hasPrefix("pull ") }.map { String($0.dropFirst(5)) }
            #expect(pulled == (try Self.builtIn(environment)).models)
        }
    }
}
