/// One element of a board's list, decoded on its own: a row of the wrong shape
/// becomes a failure with a reason (and whatever handle could still be read),
/// never a failed page.
struct BoardRow<Wire: Decodable>: Decodable {
    let result: Result<Wire, BoardRowFailure>
    /// The row's id (or slug) when it could be read, even from a row that failed.
    let handle: String?

    init(from decoder: any Decoder) throws {
        let depth = decoder.codingPath.count
        do {
            result = .success(try Wire(from: decoder))
        } catch {
            result = .failure(BoardRowFailure(reason: BoardRowFailure.describe(error, below: depth)))
        }
        handle = BoardRowHandle.read(from: decoder)
    }
}

/// Why a row could not be decoded, in words a person can fix the row by.
struct BoardRowFailure: Error, Sendable, Equatable {
    var reason: String

    /// A decoding error as "'salary.min' is not a number", with the path
    /// relative to the row (the first `depth` keys are the envelope's).
    static func describe(_ error: any Error, below depth: Int) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ keys: [any CodingKey]) -> String {
            let relative = keys.dropFirst(depth)
            guard !relative.isEmpty else { return "the row" }
            var text = ""
            for key in relative {
                if let index = key.intValue {
                    text += "[\(index)]"
                } else {
                    text += (text.isEmpty ? "" : ".") + key.stringValue
                }
            }
            return "'\(text)'"
        }
        switch error {
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)) is not \(kind(of: type))"
        case .valueNotFound(_, let context):
            return "\(path(context.codingPath)) is null"
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])) is missing"
        case .dataCorrupted(let context):
            return context.codingPath.count > depth
                ? "\(path(context.codingPath)): \(context.debugDescription)" : context.debugDescription
        @unknown default:
            return "\(error)"
        }
    }

    /// "a string", "a number", "a list", ... for the type a decoder expected.
    static func kind(of type: Any.Type) -> String {
        let name = String(describing: type)
        if name.hasPrefix("Array") { return "a list" }
        if name.hasPrefix("Dictionary") { return "an object" }
        switch name {
        case "String": return "a string"
        case "Int", "Int64", "Double", "Float", "BoardNumber": return "a number"
        case "Bool", "BoardFlag": return "true or false"
        case "BoardID": return "an id (a string or a number)"
        case "BoardStrings": return "a string or a list of strings"
        default: return "an object"
        }
    }
}

/// Reads a row's id, slug or URL whatever else is wrong with it, so a rejected
/// row can be found at its board.
private enum BoardRowHandle {
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }

        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    static let keys = ["id", "MatchedObjectId", "slug", "jobUrl", "hostedUrl", "absolute_url"]

    static func read(from decoder: any Decoder) -> String? {
        guard let container = try? decoder.container(keyedBy: Key.self) else { return nil }
        for name in keys {
            if let id = try? container.decodeIfPresent(BoardID.self, forKey: Key(name)), !id.value.isEmpty {
                return id.value
            }
        }
        return nil
    }
}
