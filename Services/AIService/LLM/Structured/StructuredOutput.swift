import Contracts
import Foundation
import Logging

/// What a task asks a model for: a JSON schema (sent as `format` and stated in
/// the system prompt), the Swift type it decodes into, and the checks the
/// decoded value must pass (required fields non-empty, enums, ids that exist in
/// the taxonomy). A value that passes may be normalised by `validate`.
struct StructuredOutput<Value: Decodable & Sendable>: Sendable {
    var schema: JSONValue
    var validate: @Sendable (Value) throws -> Value

    init(schema: JSONValue, validate: @escaping @Sendable (Value) throws -> Value = { $0 }) {
        self.schema = schema
        self.validate = validate
    }
}

/// Why a model's structured answer was refused; the text goes back to the
/// model in the repair turn, so it says exactly what to fix.
struct StructuredOutputInvalid: Error, Sendable, CustomStringConvertible {
    var reason: String
    init(_ reason: String) { self.reason = reason }
    var description: String { reason }
}

/// A model's validated answer, or why the caller must use its deterministic result.
enum StructuredAnswer<Value: Sendable>: Sendable {
    case answered(Value, usage: LLMUsage, attempts: Int)
    /// `durations`: the model time spent when it answered but never validly.
    case unavailable(reason: String, durations: LLMDurations? = nil)
}

extension LanguageModels {
    /// Asks the task's model for a `Value`: one attempt, then one repair attempt
    /// carrying the validation error, then gives up so the caller answers
    /// deterministically. Only our own queue's overflow is thrown (the caller
    /// answers 503 + Retry-After); every other failure becomes `.unavailable`.
    func structured<Value: Decodable & Sendable>(
        task: ModelTask, system: String, user: String, output: StructuredOutput<Value>
    ) async throws -> StructuredAnswer<Value> {
        let route: ModelRoute
        switch await availableRoute(for: task) {
        case .success(let available): route = available
        case .failure(let unavailable): return .unavailable(reason: unavailable.reason)
        }
        let schemaText = String(decoding: (try? JSONAnswer.encoder.encode(output.schema)) ?? Data(), as: UTF8.self)
        var messages: [ChatMessage] = [
            .system(
                system
                    + "\n\nAnswer with one JSON object only, no prose and no Markdown, following this JSON schema:\n"
                    + schemaText),
            .user(user),
        ]
        let started = ContinuousClock.now
        var lastProblem = ""
        var spent: [LLMDurations] = []
        for attempt in 1...2 {
            let completion: ChatCompletion
            do {
                completion = try await complete(task: task, messages: messages, format: output.schema, route: route)
            } catch let error as LanguageModelError where error.code == .overloaded {
                throw error
            } catch {
                logger.warning(
                    "model call failed; answering deterministically",
                    metadata: ["task": "\(task.rawValue)", "model": "\(route.model)", "error": "\(error)"])
                return .unavailable(
                    reason: Self.describe(error, backend: backend.kind), durations: LLMDurations.sum(spent))
            }
            do {
                let value = try Self.decodeAndValidate(completion.content, output: output)
                var usage = LLMUsage.answered(by: completion, elapsed: ContinuousClock.now - started)
                usage.durations = LLMDurations.sum(spent + [usage.durations].compactMap { $0 })
                return .answered(value, usage: usage, attempts: attempt)
            } catch {
                spent.append(LLMDurations(metrics: completion.metrics, elapsed: ContinuousClock.now - started))
                lastProblem = "\(error)"
                messages.append(.assistant(completion.content))
                messages.append(
                    .user(
                        "That answer is invalid: \(lastProblem). Answer again with only the corrected JSON object."))
            }
        }
        logger.info(
            "model answer invalid after repair; answering deterministically",
            metadata: ["task": "\(task.rawValue)", "model": "\(route.model)", "problem": "\(lastProblem)"])
        return .unavailable(
            reason: "the model's answer stayed invalid after one repair (\(lastProblem))",
            durations: LLMDurations.sum(spent))
    }

    static func decodeAndValidate<Value: Decodable & Sendable>(
        _ content: String, output: StructuredOutput<Value>
    ) throws -> Value {
        guard let data = JSONAnswer.object(in: content) else {
            throw StructuredOutputInvalid("it contains no JSON object")
        }
        if let object = try? JSONDecoder().decode(JSONValue.self, from: data), object.isEmptyOrDefault {
            throw StructuredOutputInvalid("the object is empty")
        }
        let value: Value
        do {
            value = try JSONDecoder().decode(Value.self, from: data)
        } catch let error as DecodingError {
            throw StructuredOutputInvalid(StructuredOutputInvalid.describe(error))
        }
        return try output.validate(value)
    }
}

extension JSONAnswer {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}

extension StructuredOutputInvalid {
    /// A decoding error in words a model can act on: which field, what was wrong.
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.isEmpty
                ? "the object" : keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "required field \(path(context.codingPath + [key])) is missing"
        case .typeMismatch(let type, let context): return "\(path(context.codingPath)) must be a \(type)"
        case .valueNotFound(let type, let context): return "\(path(context.codingPath)) must be a \(type), not null"
        case .dataCorrupted(let context): return "\(path(context.codingPath)) is malformed"
        @unknown default: return "the object does not match the schema"
        }
    }
}

extension JSONValue {
    /// `{}`, or an object whose every member is empty, null, zero or false: what
    /// a model emits when it follows the schema's shape with nothing in it.
    var isEmptyOrDefault: Bool {
        switch self {
        case .null: return true
        case .bool(let value): return !value
        case .number(let value): return value == 0
        case .string(let value): return value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        case .array(let values): return values.allSatisfy(\.isEmptyOrDefault)
        case .object(let members): return members.values.allSatisfy(\.isEmptyOrDefault)
        }
    }
}
