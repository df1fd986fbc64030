/// What a PATCH says about one clearable field: nothing (absent), a new value,
/// or JSON `null` (clear it).
enum FieldUpdate<Value: Sendable>: Sendable {
    case unchanged
    case set(Value)
    case cleared

    /// The value a create uses: absent and `null` both mean none.
    var value: Value? {
        if case .set(let value) = self { return value }
        return nil
    }

    var isUnchanged: Bool {
        if case .unchanged = self { return true }
        return false
    }
}
