extension ModelTask {
    /// The task in SCREAMING_SNAKE_CASE ("skillsAnalysis" → "SKILLS_ANALYSIS"), as
    /// it appears in `OLLAMA_MODEL_<TASK>`.
    var environmentName: String {
        var name = ""
        for character in rawValue {
            if character.isUppercase { name += "_" }
            name += character.uppercased()
        }
        return name
    }

    /// The variable that replaces this task's model.
    var modelOverrideVariable: String { "OLLAMA_MODEL_" + environmentName }
}
