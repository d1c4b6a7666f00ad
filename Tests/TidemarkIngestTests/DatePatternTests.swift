import Testing
import TidemarkCommerce

@testable import TidemarkIngest

/// Every date layout formats.md documents, read by pattern.
@Suite struct DatePatternTests {
    func read(_ pattern: String, _ text: String, zone: ReportingTimeZone = .utc) -> String {
        let p = DatePattern(pattern)!
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { raw in
            switch p.read(raw) {
            case .value(let r): return r.instant(in: zone).description
            case .missing: return "missing"
            case .invalid(let why): return "invalid: \(why)"
            }
        }
    }

    @Test(arguments: [
        // Amazon Date Range report: 12:07:47 AM PST (−8 h) → 08:07:47Z.
        ("MMM d, yyyy h:mm:ss a zzz", "Dec 1, 2019 12:07:47 AM PST", "2019-12-01T08:07:47Z"),
        // 12 PM is noon; PDT is −7 h: 12:30 + 7 h = 19:30Z.
        ("MMM d, yyyy h:mm:ss a zzz", "Jul 4, 2026 12:30:00 PM PDT", "2026-07-04T19:30:00Z"),
        // EU settlement: dd.MM.yyyy HH:mm:ss UTC.
        ("dd.MM.yyyy HH:mm:ss zzz", "14.03.2023 07:49:55 UTC", "2023-03-14T07:49:55Z"),
        // eBay US two-digit year, no time: midnight in the source zone (UTC here).
        ("MMM-dd-yy", "Sep-30-26", "2026-09-30T00:00:00Z"),
        ("dd-MMM-yy", "26-May-26", "2026-05-26T00:00:00Z"),
        // ShipStation without zone, 12-hour clock: 4:00:00 AM on 2 April 2021 (month first).
        ("M/d/yyyy h:mm:ss a", "4/2/2021 4:00:00 AM", "2021-04-02T04:00:00Z"),
        // FedEx YYYYMMDD.
        ("yyyyMMdd", "20260915", "2026-09-15T00:00:00Z"),
        // Shopify: +0200 → 10:00 − 2 h = 08:00Z.
        ("yyyy-MM-dd HH:mm:ss Z", "2024-05-01 10:00:00 +0200", "2024-05-01T08:00:00Z"),
        // Amazon Ads daily: Dec 01, 2019.
        ("MMM dd, yyyy", "Dec 01, 2019", "2019-12-01T00:00:00Z"),
        // Full month names and September's four-letter abbreviation.
        ("d MMM yyyy", "19 February 2024", "2024-02-19T00:00:00Z"),
        ("MMM d, yyyy", "Sept 3, 2026", "2026-09-03T00:00:00Z"),
        // Two-digit years 70–99 are 19xx.
        ("dd-MMM-yy", "01-Jan-99", "1999-01-01T00:00:00Z"),
        // 12 AM is midnight.
        ("M/d/yyyy h:mm:ss a", "1/1/2026 12:05:00 AM", "2026-01-01T00:05:00Z"),
    ])
    func readsDocumentedLayouts(_ pattern: String, _ text: String, _ expected: String) {
        #expect(read(pattern, text) == expected)
    }

    @Test func readsZoneLessTimesInTheSourceZone() {
        // 26-May-26 in Sydney (AEST, +10 h in May) is 2026-05-25T14:00:00Z.
        #expect(read("dd-MMM-yy", "26-May-26", zone: ReportingTimeZone(identifier: "Australia/Sydney")!) == "2026-05-25T14:00:00Z")
    }

    @Test(arguments: [
        ("MMM-dd-yy", "Sep-31-26"),  // no 31 September
        ("yyyyMMdd", "2026091"),  // too short
        ("M/d/yyyy h:mm:ss a", "13/2/2021 4:00:00 AM"),  // month 13
        ("M/d/yyyy h:mm:ss a", "4/2/2021 4:00:00 XM"),
        ("MMM d, yyyy h:mm:ss a zzz", "Dec 1, 2019 12:07:47 AM XST"),
        ("dd.MM.yyyy HH:mm:ss zzz", "14.03.2023 25:49:55 UTC"),
        ("MMM-dd-yy", "Foo-30-26"),
        ("yyyyMMdd", "20260915 extra"),
    ])
    func rejectsWhatDoesNotFit(_ pattern: String, _ text: String) {
        #expect(read(pattern, text).hasPrefix("invalid"))
    }

    @Test func emptyIsMissing() {
        #expect(read("yyyyMMdd", "  ") == "missing")
    }

    @Test func aPatternWithoutADateIsRefused() {
        #expect(DatePattern("HH:mm") == nil)
    }
}
