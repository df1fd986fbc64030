/// The words that tell the parts of a résumé entry apart: what a job title, a
/// company, a school, a degree and a spoken language sound like, in English and German.
enum ResumeVocabulary {
    static let roleWords: Set<String> = [
        "engineer", "engineers", "engineering", "developer", "programmer", "architect", "manager", "lead", "leader",
        "director", "head", "vp", "svp", "evp", "vice", "president", "chief", "cto", "ceo", "cfo", "coo", "cio",
        "ciso", "cpo", "officer", "consultant", "analyst", "scientist", "researcher", "designer", "administrator",
        "admin", "specialist", "intern", "internship", "trainee", "apprentice", "apprenticeship", "assistant",
        "associate", "coordinator", "technician", "tester", "owner", "master", "founder", "co-founder", "cofounder",
        "partner", "advisor", "adviser", "principal", "staff", "senior", "junior", "sr", "jr", "lecturer",
        "professor", "teacher", "tutor", "instructor", "fellow", "editor", "writer", "accountant", "recruiter",
        "executive", "representative", "operator", "devops", "sre", "qa", "freelance", "freelancer", "contractor",
        "self-employed", "postdoc", "postdoctoral", "phd", "doctoral", "candidate", "student", "working",
        "strategist", "evangelist", "advocate", "steward", "librarian", "nurse", "physician", "producer",
        "marketer", "auditor", "controller", "planner", "supervisor", "foreman", "mechanic", "electrician",
        "programmierer", "entwickler", "entwicklerin", "ingenieur", "ingenieurin", "berater", "beraterin", "leiter",
        "leiterin", "werkstudent", "werkstudentin", "praktikant", "praktikantin", "geschäftsführer",
        "geschäftsführerin", "mitarbeiter", "mitarbeiterin", "sachbearbeiter", "sachbearbeiterin", "architekt",
        "architektin", "referent", "referentin", "wissenschaftlicher", "wissenschaftliche", "auszubildender",
        "auszubildende", "doktorand", "doktorandin", "selbstständig", "selbständig", "freiberuflich",
        "freiberufler", "inhaber", "inhaberin", "gründer", "gründerin", "spezialist", "spezialistin", "assistent",
        "assistentin", "informatiker", "informatikerin", "techniker", "technikerin", "dozent", "dozentin",
        "studentische", "hilfskraft", "tutorin", "managerin", "designerin", "analystin", "lehrbeauftragte",
        "lehrbeauftragter", "professorin", "werkstudierende", "volunteer", "ehrenamtlich", "ehrenamtliche",
        "organizer", "organiser", "mentor", "coach", "maintainer", "contributor", "treasurer", "chair", "member",
    ]

    /// German job titles are compounds: "Softwareentwickler", "Projektleiterin".
    static let roleSuffixes = [
        "entwickler", "entwicklerin", "ingenieur", "ingenieurin", "berater", "beraterin", "leiter", "leiterin",
        "architekt", "architektin", "manager", "managerin", "praktikant", "praktikantin", "führer", "führerin",
        "mitarbeiter", "mitarbeiterin", "spezialist", "spezialistin", "referent", "referentin", "informatiker",
        "informatikerin", "techniker", "technikerin", "designer", "designerin", "engineer", "developer",
        "administrator", "analyst", "kaufmann", "kauffrau", "assistent", "assistentin",
    ]

    /// Words that make a name an organisation's.
    static let companyMarkers: Set<String> = [
        "gmbh", "ag", "se", "kg", "kgaa", "ug", "e.v.", "ev", "ohg", "gbr", "inc", "inc.", "incorporated", "llc",
        "l.l.c.", "ltd", "ltd.", "limited", "corp", "corp.", "corporation", "co", "co.", "company", "plc", "s.a.",
        "sa", "s.l.", "sl", "b.v.", "bv", "n.v.", "nv", "oy", "ab", "a/s", "as", "aps", "pty", "pvt", "srl", "s.r.l.",
        "spa", "s.p.a.", "lp", "llp", "group", "gruppe", "labs", "lab", "technologies", "technology", "tech",
        "systems", "solutions", "software", "consulting", "partners", "holding", "holdings", "bank", "ventures",
        "capital", "foundation", "stiftung", "gesellschaft", "games", "studios", "studio", "agency", "agentur",
        "media", "digital", "networks", "analytics", "interactive", "industries", "services", "enterprises",
        "international", "global", "works", "werke", "versicherung", "insurance", "health", "healthcare", "energy",
        "motors", "airlines", "logistics", "bahn", "telekom", "university", "universität", "institute", "institut",
        "hospital", "klinikum",
    ]

    static let institutionWords: Set<String> = [
        "university", "universität", "universitaet", "universitat", "hochschule", "fachhochschule", "college",
        "school", "institute", "institut", "academy", "akademie", "polytechnic", "polytechnique", "tu", "eth",
        "epfl", "fh", "lmu", "kit", "rwth", "tum", "gymnasium", "realschule", "gesamtschule", "berufsschule",
        "schule", "universidad", "université", "università", "universiteit", "uniwersytet", "bootcamp", "campus",
        "mit", "ucla", "hpi", "iu", "berufskolleg", "oberstufenzentrum",
    ]

    /// Degree names, longest first so "Master of Science" wins over "Master".
    static let degreePhrases: [String] = [
        "bachelor of business administration", "master of business administration", "bachelor of engineering",
        "master of engineering", "bachelor of technology", "master of technology", "bachelor of science",
        "master of science", "bachelor of arts", "master of arts", "bachelor of fine arts", "master of fine arts",
        "bachelor of laws", "master of laws", "doctor of philosophy", "bachelor of computer science",
        "master of computer science", "bachelor's degree", "master's degree", "bachelors degree",
        "masters degree", "associate degree", "associate's degree", "allgemeine hochschulreife",
        "fachgebundene hochschulreife", "fachhochschulreife", "diplom-informatiker", "diplom-informatikerin",
        "diplom-ingenieur", "diplom-ingenieurin", "diplom-kaufmann", "diplom-kauffrau", "dipl.-inf.", "dipl.-ing.",
        "dipl.-kfm.", "bachelor", "master", "b.sc.", "b. sc.", "bsc", "b.s.", "bs", "b.a.", "ba", "b.eng.", "beng",
        "b.tech", "b.tech.", "btech", "m.sc.", "m. sc.", "msc", "m.s.", "ms", "m.a.", "ma", "m.eng.", "meng", "m.tech",
        "mba", "phd", "ph.d.", "ph.d", "dphil", "doctorate", "promotion", "dr.", "diplom", "diploma", "magister",
        "staatsexamen", "abitur", "matura", "a-levels", "a levels", "gcse", "high school diploma", "ged", "hnd",
        "ausbildung", "fachinformatiker", "fachinformatikerin", "associate", "basc", "b.a.sc.", "masc", "bba", "bcom",
        "bcomm", "b.com.", "bfa", "mfa", "llb", "llm", "mphil", "m.phil.", "mres", "bsc (hons)", "ba (hons)",
        "b.ed.", "m.ed.", "b.f.a.", "m.f.a.", "bachelor of applied science", "master of applied science",
    ]

    static let naturalLanguages: Set<String> = [
        "english", "german", "french", "spanish", "italian", "portuguese", "dutch", "polish", "russian", "ukrainian",
        "czech", "slovak", "hungarian", "romanian", "bulgarian", "greek", "turkish", "arabic", "hebrew", "persian",
        "farsi", "hindi", "urdu", "bengali", "punjabi", "tamil", "telugu", "marathi", "gujarati", "chinese",
        "mandarin", "cantonese", "japanese", "korean", "vietnamese", "thai", "indonesian", "malay", "filipino",
        "tagalog", "swedish", "norwegian", "danish", "finnish", "estonian", "latvian", "lithuanian", "icelandic",
        "croatian", "serbian", "bosnian", "slovenian", "albanian", "macedonian", "catalan", "basque", "galician",
        "irish", "welsh", "swahili", "amharic", "latin", "esperanto", "afrikaans", "englisch", "deutsch",
        "französisch", "franzoesisch", "spanisch", "italienisch", "portugiesisch", "niederländisch",
        "niederlaendisch", "polnisch", "russisch", "ukrainisch", "tschechisch", "slowakisch", "ungarisch",
        "rumänisch", "bulgarisch", "griechisch", "türkisch", "tuerkisch", "arabisch", "hebräisch", "persisch",
        "chinesisch", "japanisch", "koreanisch", "vietnamesisch", "schwedisch", "norwegisch", "dänisch", "finnisch",
        "kroatisch", "serbisch", "albanisch", "katalanisch", "latein", "français", "español", "italiano",
        "português", "nederlands", "polski", "svenska", "dansk", "norsk", "suomi", "türkçe",
    ]

    static let certificateIssuers: Set<String> = [
        "amazon web services", "aws", "amazon", "microsoft", "google", "google cloud", "oracle", "cisco", "comptia",
        "cncf", "cloud native computing foundation", "the linux foundation", "linux foundation", "red hat",
        "hashicorp", "scrum.org", "scrum alliance", "pmi", "project management institute", "axelos", "peoplecert",
        "isc2", "(isc)²", "(isc)2", "isaca", "offensive security", "ec-council", "salesforce", "sap", "ibm",
        "coursera", "udemy", "edx", "udacity", "deeplearning.ai", "ihk", "tüv", "tuev", "isaqb", "istqb", "ireb",
        "meta", "apple", "mongodb", "mongodb university", "databricks", "snowflake", "confluent", "github",
        "atlassian", "kubernetes", "docker", "elastic", "vmware", "juniper", "fortinet", "palo alto networks",
        "stanford university", "stanford online", "harvard", "mit", "linkedin learning", "pluralsight",
        "datacamp", "the open group", "iiba", "iapp", "giac", "sans", "cloudera", "tableau", "hubspot",
        "goethe-institut",
        "cambridge english", "ets",
    ]

    /// Words that continue a certificate's name after a dash ("… – Associate").
    static let certificateLevels: Set<String> = [
        "associate", "professional", "expert", "practitioner", "specialty", "foundation", "foundations",
        "fundamentals", "advanced", "developer", "administrator", "architect", "engineer", "level", "i", "ii", "iii",
        "1", "2", "3",
    ]

    /// How strongly the text reads as a job title: role words and German role compounds.
    static func roleScore(_ text: String) -> Int {
        var score = 0
        for word in text.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "-" }) {
            let word = String(word)
            if roleWords.contains(word) {
                score += 1
            } else if word.count > 6, roleSuffixes.contains(where: { word.hasSuffix($0) }) {
                score += 1
            }
        }
        return score
    }

    /// How strongly the text reads as an organisation's name.
    static func companyScore(_ text: String) -> Int {
        var score = 0
        for word in text.lowercased().split(whereSeparator: { $0 == " " || $0 == "," || $0 == "(" || $0 == ")" }) {
            if companyMarkers.contains(String(word)) || companyMarkers.contains(String(word.filter { $0 != "." })) {
                score += 1
            }
        }
        if text.contains("&") { score += 1 }
        return score
    }

    static func isInstitution(_ text: String) -> Bool {
        text.lowercased().split(whereSeparator: { !$0.isLetter }).contains { word in
            institutionWords.contains(String(word)) || word.hasSuffix("universität") || word.hasSuffix("hochschule")
                || word.hasSuffix("schule") && word.count > 8
        }
    }

    static func isNaturalLanguage(_ word: some StringProtocol) -> Bool {
        naturalLanguages.contains(word.lowercased())
    }
}
