import Contracts
import Foundation
import ServiceKit

/// The body of `PATCH /learning/paths/{id}/steps/{step}`: a new status, a note
/// (null clears it), or both. Anything else is a 400 naming the field.
struct StepChange: Sendable, Equatable {
    enum Note: Sendable, Equatable {
        case unchanged
        case cleared
        case set(String)
    }

    static let maxNoteLength = 2_000

    var status: PathStep.Status?
    var note: Note = .unchanged

    init(status: PathStep.Status?, note: Note = .unchanged) {
        self.status = status
        self.note = note
    }

    init(body: JSONValue) throws {
        guard case .object(let members) = body else { throw ServiceError.badRequest("the body must be a JSON object") }
        var problems: [Problem.FieldError] = []
        for key in members.keys.sorted() where key != "status" && key != "note" {
            problems.append(.init(pointer: "/" + key, reason: "unknown field; expected status, note"))
        }
        switch members["status"] {
        case nil: status = nil
        case .string(let text)? where PathStep.Status(rawValue: text) != nil: status = PathStep.Status(rawValue: text)
        default:
            status = nil
            problems.append(.init(pointer: "/status", reason: "not_started, in_progress or done"))
        }
        switch members["note"] {
        case nil: note = .unchanged
        case .null?: note = .cleared
        case .string(let text)? where text.count <= Self.maxNoteLength:
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            note = trimmed.isEmpty ? .cleared : .set(trimmed)
        default:
            problems.append(
                .init(pointer: "/note", reason: "a string of at most \(Self.maxNoteLength) characters, or null"))
        }
        if problems.isEmpty, status == nil, note == .unchanged {
            problems.append(.init(pointer: "", reason: "send status, note or both"))
        }
        guard problems.isEmpty else {
            throw ServiceError.badRequest("the step change is malformed", fieldErrors: problems)
        }
    }
}

/// How a request names a step: by its 1-based position or its id.
enum StepReference: Sendable, Equatable {
    case position(Int)
    case id(UUID)

    init?(_ text: String) {
        if let position = Int(text), position >= 1 {
            self = .position(position)
        } else if let id = UUID(uuidString: text) {
            self = .id(id)
        } else {
            return nil
        }
    }
}
