import Contracts
import Foundation

/// Profile.csv and Email Addresses.csv → `basics`.
extension LinkedInResumeBuilder {
    /// Name, headline, summary, city, website and profiles from the first row:
    /// the file holds one profile. A website or handle that is no address is left
    /// out with a reason; the rest of the row is still imported.
    mutating func readProfile(_ rows: inout LinkedInRows) {
        var seenProfile = false
        var fieldProblems: [(row: Int, reason: String)] = []
        var basics = self.basics
        rows.forEach { row throws(LinkedInRows.Skip) in
            guard !seenProfile else {
                throw LinkedInRows.Skip("Profile.csv holds one profile; only its first row is read")
            }
            let name = [row["First Name"], row["Last Name"]].compactMap { $0 }.joined(separator: " ")
            let websites = LinkedInWebsites(websites: row["Websites"], twitterHandles: row["Twitter Handles"])
            let location = row["Geo Location"].flatMap(Self.location)
            guard
                !name.isEmpty || row["Headline"] != nil || row["Summary"] != nil || location != nil
                    || websites.url != nil || !websites.profiles.isEmpty
            else {
                throw LinkedInRows.Skip("the row holds no name, headline, summary, location or website")
            }
            seenProfile = true
            if !name.isEmpty { basics.name = name }
            basics.label = row["Headline"]
            basics.summary = row["Summary"]
            basics.location = location
            basics.url = websites.url
            basics.profiles = websites.profiles.isEmpty ? nil : websites.profiles
            fieldProblems += websites.rejected.map { (row.number, $0) }
        }
        self.basics = basics
        for problem in fieldProblems { rows.skipField(row: problem.row, reason: problem.reason) }
    }

    /// "Berlin, Germany" → Berlin; "Austin, Texas, United States" → Austin, Texas;
    /// "Greater Seattle Area" stays whole as the city. The country is left out:
    /// JSON Resume wants its ISO code, and LinkedIn writes the name.
    static func location(_ text: String) -> Resume.Location? {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard let city = parts.first else { return nil }
        return Resume.Location(city: city, region: parts.count >= 3 ? parts[1] : nil)
    }

    /// The primary address, else the first confirmed one (when the file says
    /// which are confirmed; else simply the first). A row with no address or a
    /// malformed one is skipped.
    mutating func readEmailAddresses(_ rows: inout LinkedInRows) {
        let knowsConfirmation = rows.has("Confirmed")
        var primary = primaryEmail
        var confirmed = confirmedEmail
        rows.forEach { row throws(LinkedInRows.Skip) in
            guard let address = row["Email Address"] else { throw LinkedInRows.Skip("the row has no Email Address") }
            guard WebAddress.isEmail(address) else {
                throw LinkedInRows.Skip("Email Address '\(CSVTable.Row.shortened(address))' is not an e-mail address")
            }
            if primary == nil, Self.isYes(row["Primary"]) { primary = address }
            if confirmed == nil, !knowsConfirmation || Self.isYes(row["Confirmed"]) { confirmed = address }
        }
        primaryEmail = primary
        confirmedEmail = confirmed
    }

    static func isYes(_ value: String?) -> Bool {
        guard let value = value?.lowercased() else { return false }
        return ["yes", "true", "ja", "1"].contains(value)
    }
}
