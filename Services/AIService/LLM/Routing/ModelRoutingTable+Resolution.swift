extension ModelRoutingTable {
    /// What the environment changes in the table.
    struct Overrides: Sendable, Equatable {
        /// `OLLAMA_MODEL_<TASK>`: a task's model.
        var models: [ModelTask: String] = [:]
        /// `OLLAMA_NUM_THREAD`: `num_thread` for every model.
        var numThread: Int?
        /// `OLLAMA_KEEP_ALIVE`: `keep_alive` for every task (already normalised).
        var keepAlive: String?

        init(models: [ModelTask: String] = [:], numThread: Int? = nil, keepAlive: String? = nil) {
            self.models = models
            self.numThread = numThread
            self.keepAlive = keepAlive
        }
    }

    /// `num_thread` when neither the table nor the environment sets it: 75 % of
    /// the cores (6 on the documented 8-vCPU server), leaving the rest to the
    /// services, PostgreSQL and Redis on the same machine.
    static func defaultNumThread(processorCount: Int) -> Int { max(1, processorCount * 3 / 4) }

    /// Applies the environment and the machine to the table.
    ///
    /// Conflicting load-time options on one model are resolved by who caused them:
    /// - Tasks the table itself puts on one model must agree, or this throws
    ///   (`.conflictingLoadOptions`): that is an authoring mistake to fix in the file.
    /// - When `OLLAMA_MODEL_<TASK>` moves a task onto a model other tasks use, the
    ///   model's first-declared task (in `ModelTask` order: chat, resume, routing,
    ///   extraction, jobMatching, learningCuration, skillsAnalysis, embeddings)
    ///   gives its `num_ctx` and `num_thread` to every task on the model, and each
    ///   change is listed in `adjustments`. An override is an operator's quick
    ///   switch ("run everything on one model on this small box"); refusing to
    ///   start would force an edit of the file for a case with one obvious answer,
    ///   and the context budget trims prompts to whatever `num_ctx` results.
    func resolve(_ overrides: Overrides = Overrides(), processorCount: Int, source: String) throws -> ModelRouting {
        var routes: [ModelTask: ModelRoute] = [:]
        var moved: Set<ModelTask> = []
        for task in ModelTask.allCases {
            guard let entry = tasks[task] else {
                throw ModelRoutingError(.missingTask, "task \(task.rawValue) has no route", task: task.rawValue)
            }
            guard entry.options.numCtx != nil else {
                throw ModelRoutingError(
                    .missingField,
                    "task \(task.rawValue): options.num_ctx is missing (every model needs one fixed context size)",
                    task: task.rawValue, field: "options.num_ctx")
            }
            let model = overrides.models[task] ?? entry.model
            if model != entry.model { moved.insert(task) }
            var options = entry.options
            options.numThread =
                overrides.numThread ?? entry.options.numThread ?? defaultNumThread
                ?? Self.defaultNumThread(processorCount: processorCount)
            routes[task] = ModelRoute(
                model: model, options: options, keepAlive: overrides.keepAlive ?? entry.keepAlive ?? defaultKeepAlive,
                dimensions: entry.dimensions)
        }
        try Self.checkTablePlacements(routes, moved: moved)
        let adjustments = Self.shareLoadOptions(&routes, moved: moved)
        try Self.checkEachRoute(routes, moved: moved)
        return ModelRouting(routes: routes, source: source, adjustments: adjustments)
    }

    /// Tasks the table put on the same model must already agree.
    private static func checkTablePlacements(_ routes: [ModelTask: ModelRoute], moved: Set<ModelTask>) throws {
        let placed = ModelTask.allCases.filter { !moved.contains($0) }
        for (index, first) in placed.enumerated() {
            for second in placed[(index + 1)...] {
                guard let a = routes[first], let b = routes[second], a.model == b.model else { continue }
                for (field, valueA, valueB) in [
                    ("num_ctx", a.options.numCtx, b.options.numCtx),
                    ("num_thread", a.options.numThread, b.options.numThread),
                ] where valueA != valueB {
                    throw ModelRoutingError(
                        .conflictingLoadOptions,
                        "task \(second.rawValue): options.\(field) \(describe(valueB)) differs from "
                            + "\(describe(valueA)) of task \(first.rawValue) on the same model \(a.model); "
                            + "Ollama would reload the model each time requests alternate between them",
                        task: second.rawValue, field: "options.\(field)")
                }
            }
        }
    }

    /// Gives every task on a model the load-time options of the model's
    /// first-declared task; returns what changed, for the log.
    private static func shareLoadOptions(_ routes: inout [ModelTask: ModelRoute], moved: Set<ModelTask>) -> [String] {
        var adjustments: [String] = []
        var owner: [String: ModelTask] = [:]
        for task in ModelTask.allCases {
            guard var route = routes[task] else { continue }
            guard let first = owner[route.model], let fixed = routes[first]?.options else {
                owner[route.model] = task
                continue
            }
            let cause = [first, task].filter { moved.contains($0) }.map(\.modelOverrideVariable)
                .joined(separator: " and ")
            for (field, keyPath) in [("num_ctx", \ModelOptions.numCtx), ("num_thread", \ModelOptions.numThread)]
            where route.options[keyPath: keyPath] != fixed[keyPath: keyPath] {
                adjustments.append(
                    "task \(task.rawValue): \(field) \(describe(route.options[keyPath: keyPath])) → "
                        + "\(describe(fixed[keyPath: keyPath])) to share \(route.model) with task "
                        + "\(first.rawValue) (moved there by \(cause))")
                route.options[keyPath: keyPath] = fixed[keyPath: keyPath]
            }
            routes[task] = route
        }
        return adjustments
    }

    /// Per-task rules that hold after the options were shared.
    private static func checkEachRoute(_ routes: [ModelTask: ModelRoute], moved: Set<ModelTask>) throws {
        for task in ModelTask.allCases {
            guard let route = routes[task] else { continue }
            let name = task.rawValue
            let cause = moved.contains(task) ? " (after \(task.modelOverrideVariable) moved it to \(route.model))" : ""
            if task == .embeddings, route.dimensions == nil {
                throw ModelRoutingError(
                    .missingField, "task \(name): dimensions is missing (the embedding vector size)", task: name,
                    field: "dimensions")
            }
            if task != .embeddings, route.dimensions != nil {
                throw ModelRoutingError(
                    .invalidValue, "task \(name): dimensions only applies to embeddings", task: name,
                    field: "dimensions")
            }
            if let numPredict = route.options.numPredict, let numCtx = route.options.numCtx, numPredict >= numCtx {
                throw ModelRoutingError(
                    .invalidValue,
                    "task \(name): options.num_predict \(numPredict) leaves no room for a prompt in num_ctx "
                        + "\(numCtx)\(cause)", task: name, field: "options.num_predict")
            }
        }
    }

    private static func describe(_ value: Int?) -> String { value.map(String.init) ?? "unset" }
}
