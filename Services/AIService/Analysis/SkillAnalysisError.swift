import Contracts
import HTTPTypes
import ServiceKit

/// Why a skill-gap analysis cannot be computed: the request names no usable
/// target, or names one the taxonomy cannot resolve. Each carries the request
/// field at fault, so the answer can point at it.
struct SkillAnalysisError: Error, Sendable, Equatable, CustomStringConvertible {
    enum Code: Sendable, Equatable {
        /// None of `roleId`, `title`, `jobDescription` is given.
        case missingTarget
        /// More than one of them is given.
        case conflictingTargets
        /// An explicit skill level outside 1…5.
        case invalidSkillLevel
        /// `roleId` is not a taxonomy role.
        case unknownRole
        /// `title` is not close enough to any role title or alias.
        case unmatchedTitle
        /// The job description names no skill the taxonomy knows.
        case noRecognizedSkills
    }

    let code: Code
    let message: String
    /// JSON Pointer (RFC 6901) to the request field at fault.
    let pointer: String

    init(_ code: Code, _ message: String, pointer: String) {
        self.code = code
        self.message = message
        self.pointer = pointer
    }

    var description: String { "SkillAnalysisError(\(code)): \(message)" }

    /// A malformed request is 400; a well-formed one naming something we cannot
    /// resolve is 422.
    var status: HTTPResponse.Status {
        switch code {
        case .missingTarget, .conflictingTargets, .invalidSkillLevel: .badRequest
        case .unknownRole, .unmatchedTitle, .noRecognizedSkills: .unprocessableContent
        }
    }

    /// The problem answer for this error.
    var serviceError: ServiceError {
        ServiceError(
            status, detail: message, fieldErrors: [Problem.FieldError(pointer: pointer, reason: message)])
    }
}
