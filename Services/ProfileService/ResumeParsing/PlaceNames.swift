import Foundation

/// Places as résumés name them: "Berlin", "Berlin, Germany", "San Francisco, CA",
/// "10115 Berlin", "Remote". A short list of cities, every country and US state,
/// and the shapes around them; enough to tell a location from a company or title.
enum PlaceNames {
    static let cities: Set<String> = [
        // Germany, Austria, Switzerland
        "berlin", "hamburg", "munich", "münchen", "muenchen", "cologne", "köln", "koeln", "frankfurt",
        "frankfurt am main", "stuttgart", "düsseldorf", "duesseldorf", "dusseldorf", "leipzig", "dresden",
        "hannover", "hanover", "nuremberg", "nürnberg", "nuernberg", "bremen", "essen", "dortmund", "bonn",
        "karlsruhe", "mannheim", "heidelberg", "aachen", "münster", "muenster", "freiburg", "augsburg", "wiesbaden",
        "mainz", "potsdam", "kiel", "lübeck", "luebeck", "rostock", "regensburg", "ulm", "darmstadt", "jena",
        "erlangen", "bochum", "wuppertal", "bielefeld", "braunschweig", "magdeburg", "erfurt", "saarbrücken",
        "saarbruecken", "kassel", "würzburg", "wuerzburg", "ingolstadt", "wolfsburg", "göttingen", "goettingen",
        "paderborn", "oldenburg", "osnabrück", "osnabrueck", "heilbronn", "konstanz", "tübingen", "tuebingen",
        "chemnitz", "halle", "duisburg", "gelsenkirchen", "mönchengladbach", "krefeld", "walldorf", "vienna", "wien",
        "graz", "linz", "salzburg", "innsbruck", "zurich", "zürich", "zuerich", "basel", "bern", "geneva", "genf",
        "lausanne", "lucerne", "luzern", "zug", "st. gallen",
        // Europe
        "london", "manchester", "edinburgh", "glasgow", "bristol", "cambridge", "oxford", "birmingham", "leeds",
        "dublin", "cork", "paris", "lyon", "toulouse", "marseille", "nice", "bordeaux", "lille", "nantes",
        "amsterdam", "rotterdam", "utrecht", "eindhoven", "the hague", "den haag", "delft", "brussels", "brüssel",
        "antwerp", "ghent", "luxembourg", "copenhagen", "kopenhagen", "aarhus", "stockholm", "gothenburg", "malmö",
        "oslo", "bergen", "helsinki", "espoo", "tallinn", "riga", "vilnius", "warsaw", "warschau", "krakow", "kraków",
        "wroclaw", "wrocław", "gdansk", "gdańsk", "poznan", "poznań", "prague", "prag", "brno", "budapest",
        "bratislava", "ljubljana", "zagreb", "belgrade", "bucharest", "cluj-napoca", "sofia", "athens", "thessaloniki",
        "istanbul", "ankara", "madrid", "barcelona", "valencia", "seville", "malaga", "málaga", "bilbao", "lisbon",
        "lissabon", "porto", "milan", "mailand", "rome", "rom", "turin", "bologna", "florence", "naples", "kyiv",
        "kiev", "lviv", "kharkiv", "odesa", "minsk", "moscow", "saint petersburg", "st. petersburg", "reykjavik",
        // North America
        "new york", "new york city", "nyc", "brooklyn", "san francisco", "los angeles", "seattle", "austin",
        "boston", "chicago", "denver", "boulder", "portland", "san diego", "san jose", "palo alto", "mountain view",
        "sunnyvale", "menlo park", "cupertino", "redwood city", "santa clara", "oakland", "berkeley", "redmond",
        "bellevue", "atlanta", "dallas", "houston", "miami", "washington", "washington, d.c.", "philadelphia",
        "pittsburgh", "raleigh", "durham", "salt lake city", "phoenix", "minneapolis", "detroit", "nashville",
        "charlotte", "columbus", "san antonio", "baltimore", "cambridge, ma", "toronto", "vancouver", "montreal",
        "montréal", "ottawa", "calgary", "waterloo", "edmonton", "mexico city", "guadalajara",
        // Elsewhere
        "tel aviv", "jerusalem", "haifa", "dubai", "abu dhabi", "doha", "riyadh", "singapore", "hong kong", "taipei",
        "tokyo", "osaka", "seoul", "beijing", "shanghai", "shenzhen", "hangzhou", "bangalore", "bengaluru",
        "mumbai", "delhi", "new delhi", "gurgaon", "gurugram", "noida", "hyderabad", "pune", "chennai", "kolkata",
        "sydney", "melbourne", "brisbane", "perth", "auckland", "wellington", "são paulo", "sao paulo",
        "rio de janeiro", "buenos aires", "santiago", "bogotá", "bogota", "lima", "medellín", "medellin",
        "cape town", "johannesburg", "lagos", "nairobi", "cairo", "kuala lumpur", "jakarta", "manila", "bangkok",
        "ho chi minh city", "hanoi",
    ]

    static let countries: Set<String> = [
        "germany", "deutschland", "austria", "österreich", "oesterreich", "switzerland", "schweiz", "suisse",
        "usa", "u.s.", "u.s.a.", "us", "united states", "united states of america", "uk", "u.k.", "united kingdom",
        "great britain", "england", "scotland", "wales", "ireland", "irland", "france", "frankreich", "netherlands",
        "the netherlands", "niederlande", "holland", "belgium", "belgien", "luxembourg", "luxemburg", "spain",
        "spanien", "portugal", "italy", "italien", "poland", "polen", "czech republic", "czechia", "tschechien",
        "slovakia", "hungary", "ungarn", "romania", "rumänien", "bulgaria", "greece", "griechenland", "turkey",
        "türkei", "sweden", "schweden", "norway", "norwegen", "denmark", "dänemark", "finland", "finnland",
        "iceland", "estonia", "estland", "latvia", "lettland", "lithuania", "litauen", "ukraine", "belarus",
        "russia", "russland", "croatia", "kroatien", "serbia", "serbien", "slovenia", "slowenien", "bosnia",
        "israel", "india", "indien", "china", "japan", "south korea", "korea", "singapore", "taiwan", "vietnam",
        "thailand", "indonesia", "malaysia", "philippines", "australia", "australien", "new zealand", "canada",
        "kanada", "mexico", "mexiko", "brazil", "brasilien", "argentina", "chile", "colombia", "peru",
        "south africa", "nigeria", "kenya", "egypt", "uae", "united arab emirates", "qatar", "saudi arabia",
        "pakistan", "bangladesh", "sri lanka", "nepal", "europe", "emea", "dach", "ghana", "ethiopia", "uganda",
        "tanzania", "rwanda", "morocco", "tunisia", "algeria", "senegal", "cameroon", "ivory coast", "zimbabwe",
        "zambia", "botswana", "namibia", "mozambique", "angola", "jordan", "lebanon", "kuwait", "bahrain", "oman",
        "iran", "iraq", "afghanistan", "kazakhstan", "uzbekistan", "georgia", "armenia", "azerbaijan", "moldova",
        "montenegro", "north macedonia", "albania", "kosovo", "cyprus", "malta", "monaco", "liechtenstein",
        "andorra", "hong kong", "macau", "mongolia", "myanmar", "cambodia", "laos", "venezuela", "ecuador",
        "bolivia", "paraguay", "uruguay", "costa rica", "panama", "guatemala", "honduras", "el salvador",
        "nicaragua", "cuba", "dominican republic", "puerto rico", "jamaica", "trinidad and tobago",
    ]

    static let usStates: Set<String> = [
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA",
        "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK",
        "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC", "ON", "BC", "QC",
        "AB", "NSW", "VIC",
    ]

    static let regions: Set<String> = [
        "california", "texas", "new york", "washington", "massachusetts", "illinois", "colorado", "oregon",
        "florida", "georgia", "virginia", "north carolina", "pennsylvania", "ontario", "british columbia", "quebec",
        "bavaria", "bayern", "berlin", "hesse", "hessen", "baden-württemberg", "baden-wuerttemberg", "nrw",
        "north rhine-westphalia", "nordrhein-westfalen", "saxony", "sachsen", "lower saxony", "niedersachsen",
        "hamburg", "brandenburg", "schleswig-holstein", "rhineland-palatinate", "rheinland-pfalz", "thuringia",
        "thüringen",
    ]

    static let workModes: Set<String> = [
        "remote", "fully remote", "remote-first", "hybrid", "on-site", "onsite", "on site", "vor ort", "homeoffice",
        "home office", "anywhere", "worldwide", "weltweit",
    ]

    static let labels = [
        "location:", "address:", "adresse:", "anschrift:", "wohnort:", "ort:", "standort:", "based in", "city:",
        "stadt:", "📍",
    ]

    /// The text without a leading "Location:", "Wohnort:" or "Based in".
    static func withoutLabel(_ text: String) -> String {
        let lowered = text.lowercased()
        for label in labels where lowered.hasPrefix(label) {
            return String(text.dropFirst(label.count)).trimmingSpaces
        }
        return text
    }

    private static func parts(_ text: String) -> [String] {
        withoutLabel(text).split { $0 == "," || $0 == "(" || $0 == ")" || $0 == "/" || $0 == "·" || $0 == "|" }
            .map(\.trimmingSpaces).filter { !$0.isEmpty }
    }

    private enum PartKind {
        case city, country, state, mode, name, other
        /// "10115 Berlin": the city after a postal code.
        case postalCity(String)
    }

    private static func kind(of part: String) -> PartKind {
        let key = part.lowercased()
        if cities.contains(key) { return .city }
        if countries.contains(key) { return .country }
        if usStates.contains(part) { return .state }
        if regions.contains(key) { return .state }
        if workModes.contains(key) { return .mode }
        // "10115 Berlin", "D-10115 Berlin", "Berlin 10115".
        let words = part.split(separator: " ")
        if words.count >= 2, words.count <= 4 {
            let postal = words.firstIndex { word in
                let digits = word.filter(\.isNumber)
                return digits.count >= 4 && digits.count <= 6 && word.count <= digits.count + 2
            }
            if let postal {
                let rest = words.enumerated().filter { $0.offset != postal }.map(\.element).joined(separator: " ")
                if rest.first?.isUppercase == true, !rest.contains(where: \.isNumber) { return .postalCity(rest) }
            }
        }
        if !words.isEmpty, words.count <= 3, ResumeVocabulary.companyScore(part) == 0,
            words.allSatisfy({ $0.first?.isUppercase == true && $0.allSatisfy { $0.isLetter || "-.'".contains($0) } })
        {
            return .name
        }
        return .other
    }

    /// Whether the whole text is a place or a work mode.
    static func isPlace(_ text: String) -> Bool {
        guard text.count <= 60, !text.contains("@") else { return false }
        let kinds = parts(text).map(kind(of:))
        guard !kinds.isEmpty else { return false }
        var known = false
        for (index, kind) in kinds.enumerated() {
            switch kind {
            case .city, .country, .state, .mode, .postalCity: known = true
            case .name:
                // An unknown name counts only right before a state or country ("Springfield, IL").
                guard index == 0, index + 1 < kinds.count else { return false }
                switch kinds[index + 1] {
                case .state, .country: continue
                default: return false
                }
            case .other: return false
            }
        }
        return known
    }

    /// The city a place text names: "Berlin, Germany" → "Berlin"; "San Francisco, CA"
    /// → "San Francisco"; "Musterstraße 1, 10115 Berlin" → "Berlin"; nil for "Remote".
    static func city(in text: String) -> String? {
        let parts = parts(text)
        let kinds = parts.map(kind(of:))
        for (part, kind) in zip(parts, kinds) {
            switch kind {
            case .city: return part
            case .postalCity(let city): return city
            default: continue
            }
        }
        for (index, kind) in kinds.enumerated() {
            guard case .name = kind, index + 1 < kinds.count else { continue }
            switch kinds[index + 1] {
            case .country, .state: return parts[index]
            default: continue
            }
        }
        return nil
    }
}
