/// Which model serves each task, and the options sent with every request to it.
///
/// Invariant (checked when loading): every task on one model has the same
/// `num_ctx` and `num_thread`. Both are load-time options in Ollama, so two
/// values for one model would make it reload the model whenever requests
/// alternate between the tasks — seconds each time on a CPU.
struct ModelRouting: Sendable, Equatable {
    private let routes: [ModelTask: ModelRoute]
    /// Where the table came from (a file path or "built-in defaults"), for logs and `/models`.
    let source: String
    /// Load-time options changed because an environment override moved a task
    /// onto a model other tasks use (see `ModelRoutingTable.resolve`); logged at start.
    let adjustments: [String]

    /// - Precondition: `routes` has every task (the loader guarantees it).
    init(routes: [ModelTask: ModelRoute], source: String, adjustments: [String] = []) {
        precondition(ModelTask.allCases.allSatisfy { routes[$0] != nil }, "a routing table must route every task")
        self.routes = routes
        self.source = source
        self.adjustments = adjustments
    }

    func route(for task: ModelTask) -> ModelRoute {
        guard let route = routes[task] else { preconditionFailure("no route for \(task); init checks every task") }
        return route
    }

    /// The distinct models, in the order of the first task each serves.
    var models: [String] {
        var seen: [String] = []
        for task in ModelTask.allCases where !seen.contains(route(for: task).model) {
            seen.append(route(for: task).model)
        }
        return seen
    }

    /// The tasks a model serves, in declaration order.
    func tasks(on model: String) -> [ModelTask] {
        ModelTask.allCases.filter { route(for: $0).model == model }
    }

    /// The model serving the most tasks: the one worth loading at start. A tie
    /// goes to the model of the earliest-declared task (chat comes first, and it
    /// is what a user sees first).
    var mostUsedModel: String {
        var best = route(for: .chat).model
        var bestCount = 0
        for model in models {
            let count = tasks(on: model).count
            if count > bestCount {
                best = model
                bestCount = count
            }
        }
        return best
    }

    /// The load-time options (`num_ctx`, `num_thread`) every request to `model`
    /// carries, or nil when no task uses the model.
    func fixedOptions(model: String) -> ModelOptions? {
        guard let task = tasks(on: model).first else { return nil }
        let options = route(for: task).options
        return ModelOptions(numCtx: options.numCtx, numThread: options.numThread)
    }
}
