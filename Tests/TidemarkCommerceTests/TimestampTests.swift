import Testing
import TidemarkCommerce

@Suite struct TimestampTests {
    /// (local date, h, m, s, offset seconds east, expected UTC instant).
    @Test(arguments: [
        ("2024-05-01", 10, 0, 0, 7_200, "2024-05-01T08:00:00Z"),  // 10:00 +02:00 → 08:00Z
        ("2024-12-31", 22, 30, 0, -18_000, "2025-01-01T03:30:00Z"),  // 22:30 −05:00 → 03:30Z next year
        ("2024-01-01", 0, 15, 0, 19_800, "2023-12-31T18:45:00Z"),  // 00:15 +05:30 → 18:45Z the day before
        ("1970-01-01", 0, 0, 0, 0, "1970-01-01T00:00:00Z"),
    ])
    func convertsWallClockWithOffsetToUTC(date: String, h: Int, m: Int, s: Int, offset: Int, expected: String) {
        let t = Timestamp(date: CivilDate(iso: date)!, hour: h, minute: m, second: s, utcOffsetSeconds: offset)
        #expect(t.description == expected)
    }

    @Test func countsSecondsSinceTheEpoch() {
        // 2024-05-01 is day 19 844 since 1970-01-01: 19 844 × 86 400 + 8 × 3 600 = 1 714 550 400.
        let t = Timestamp(date: CivilDate(iso: "2024-05-01")!, hour: 10, minute: 0, second: 0, utcOffsetSeconds: 7_200)
        #expect(t.secondsSinceEpoch == 1_714_550_400)
        #expect(Timestamp(secondsSinceEpoch: 1_700_000_000).description == "2023-11-14T22:13:20Z")
    }

    /// Floor division, not truncation: one second before the epoch is still 1969-12-31.
    @Test(arguments: [
        (Int64(0), "1970-01-01"), (Int64(-1), "1969-12-31"), (Int64(-86_400), "1969-12-31"),
        (Int64(-86_401), "1969-12-30"), (Int64(86_399), "1970-01-01"), (Int64(86_400), "1970-01-02"),
    ])
    func knowsTheUTCDateEvenBeforeTheEpoch(seconds: Int64, date: String) {
        #expect(Timestamp(secondsSinceEpoch: seconds).utcDate.description == date)
    }

    @Test func writesInstantsBeforeTheEpoch() {
        #expect(Timestamp(secondsSinceEpoch: -1).description == "1969-12-31T23:59:59Z")
        #expect(Timestamp(secondsSinceEpoch: -86_400).description == "1969-12-31T00:00:00Z")
    }

    @Test func ordersByInstant() {
        #expect(Timestamp(secondsSinceEpoch: -1) < Timestamp(secondsSinceEpoch: 0))
    }
}
