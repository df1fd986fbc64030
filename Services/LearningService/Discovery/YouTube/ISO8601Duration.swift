/// ISO 8601 durations as YouTube writes a video's length: "PT15M33S",
/// "PT1H2M", "P1DT2H", "P0D" (a live stream).
enum ISO8601Duration {
    /// The duration in seconds, or nil when `text` is not one.
    static func seconds(_ text: String) -> Int? {
        var rest = Substring(text.uppercased())
        guard rest.hasPrefix("P") else { return nil }
        rest = rest.dropFirst()
        var total = 0
        var inTime = false
        var number = ""
        var sawComponent = false
        for character in rest {
            if character == "T" {
                guard !inTime, number.isEmpty else { return nil }
                inTime = true
            } else if character.isASCII, character.isNumber {
                number.append(character)
            } else {
                guard let value = Int(number) else { return nil }
                let unit: Int
                switch (character, inTime) {
                case ("W", false): unit = 7 * 86_400
                case ("D", false): unit = 86_400
                case ("H", true): unit = 3600
                case ("M", true): unit = 60
                case ("S", true): unit = 1
                default: return nil
                }
                let (product, overflow) = value.multipliedReportingOverflow(by: unit)
                guard !overflow else { return nil }
                total += product
                number = ""
                sawComponent = true
            }
        }
        return sawComponent && number.isEmpty ? total : nil
    }
}
