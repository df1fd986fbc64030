/// Currencies as postings write them (a symbol, a prefixed symbol, an ISO 4217
/// code or a word), as ISO 4217 codes.
enum SalaryCurrency {
    /// Codes postings use. Codes that are also English words in capitals ("ALL",
    /// "TRY" aside) are left out so running text can't be read as money.
    static let codes: Set<String> = [
        "USD", "EUR", "GBP", "JPY", "CNY", "INR", "CAD", "AUD", "NZD", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK",
        "HUF", "RON", "BGN", "SGD", "HKD", "BRL", "MXN", "ZAR", "ILS", "AED", "SAR", "KRW", "TWD", "THB", "IDR",
        "MYR", "PHP", "VND", "PKR", "NGN", "KES", "EGP", "ARS", "CLP", "COP", "PEN", "UAH", "RUB", "ISK", "TRY",
        "RMB",
    ]

    /// Symbols, and symbols with the prefix that names their dollar.
    static let symbols: [String: String] = [
        "$": "USD", "US$": "USD", "USD$": "USD", "A$": "AUD", "AU$": "AUD", "C$": "CAD", "CA$": "CAD",
        "NZ$": "NZD", "S$": "SGD", "SG$": "SGD", "HK$": "HKD", "R$": "BRL", "MX$": "MXN", "€": "EUR", "£": "GBP",
        "¥": "JPY", "CN¥": "CNY", "₹": "INR", "₩": "KRW", "₽": "RUB", "₺": "TRY", "₪": "ILS", "₱": "PHP",
        "₫": "VND", "₴": "UAH", "zł": "PLN", "Kč": "CZK",
    ]

    /// Words for a currency in running text.
    static let words: [String: String] = [
        "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP",
        "rupees": "INR", "yen": "JPY",
    ]

    /// Rough units of each currency per US dollar, for high-denomination
    /// currencies only: the plausibility cap scales by it so ¥12,000,000 a year
    /// is a salary and $12,000,000 is not. Orders of magnitude, not rates.
    static let unitsPerDollar: [String: Double] = [
        "JPY": 150, "KRW": 1_400, "INR": 85, "IDR": 16_000, "VND": 25_000, "HUF": 370, "CLP": 950, "COP": 4_000,
        "NGN": 1_500, "PKR": 280, "PHP": 58, "THB": 36, "TWD": 32, "RUB": 90, "ARS": 1_000, "ISK": 140,
        "CZK": 23, "UAH": 41, "MXN": 18, "ZAR": 18, "TRY": 35, "EGP": 50, "KES": 130, "CNY": 7, "RMB": 7,
        "SEK": 10, "NOK": 10, "DKK": 7, "BRL": 5, "PLN": 4, "AED": 3.7, "SAR": 3.8, "ILS": 3.7, "RON": 4.6,
        "MYR": 4.5, "PEN": 3.7,
    ]

    /// The ISO code `raw` names ("usd", "$", "€", "Euro", "US$"), or nil.
    static func code(for raw: String) -> String? {
        let trimmed = raw.trimmingPrefix(while: \.isWhitespace)
        var text = String(trimmed)
        while text.last?.isWhitespace == true { text.removeLast() }
        if let symbol = symbols[text] ?? symbols[text.uppercased()] { return symbol == "RMB" ? "CNY" : symbol }
        let upper = text.uppercased()
        if codes.contains(upper) { return upper == "RMB" ? "CNY" : upper }
        return words[text.lowercased()]
    }
}
