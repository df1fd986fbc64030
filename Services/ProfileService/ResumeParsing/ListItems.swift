/// Items of a written list: "Swift, Kotlin; Go | Rust • SQL", split at commas,
/// semicolons, bars, bullets and spaced slashes, but not inside brackets
/// ("Cloud (AWS, GCP)") or names like "CI/CD".
enum ListItems {
    static func split(_ text: String) -> [String] {
        var items: [String] = []
        var current = ""
        var depth = 0
        let characters = Array(text)
        for (offset, character) in characters.enumerated() {
            let previous = offset > 0 ? characters[offset - 1] : " "
            let next = offset + 1 < characters.count ? characters[offset + 1] : " "
            if character == "(" || character == "[" { depth += 1 }
            if character == ")" || character == "]" { depth = max(0, depth - 1) }
            let separates =
                depth == 0
                && (",;|•·▪◦".contains(character) || character == "/" && previous == " " && next == " "
                    || (character == "–" || character == "—") && previous == " " && next == " ")
            if separates {
                items.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        items.append(current)
        return items.map { $0.trimming(" .:") }.filter { !$0.isEmpty }
    }
}
