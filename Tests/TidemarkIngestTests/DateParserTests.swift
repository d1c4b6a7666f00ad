import Testing
import TidemarkCommerce

@testable import TidemarkIngest

/// A timestamp as an export writes it and the UTC instant it denotes.
struct TimestampCase: Sendable, CustomTestStringConvertible {
    var text: String
    var zone: String = "UTC"
    var utc: String
    var testDescription: String { "\"\(text)\" in \(zone)" }
}

@Suite("DateParser")
struct DateParserTests {
    static func zone(_ id: String) -> ReportingTimeZone { ReportingTimeZone(identifier: id)! }

    static func parse(_ text: String, in zone: String = "UTC") -> ParsedValue<Timestamp> {
        withBytes(text) { DateParser.isoTimestamp($0, localZone: Self.zone(zone)) }
    }

    static let timestamps: [TimestampCase] = [
        TimestampCase(text: "2017-06-17T08:04:21+00:00", utc: "2017-06-17T08:04:21Z"),
        // 23:30 at −07:00 is 23:30 + 7 h = 06:30 the next day
        TimestampCase(text: "2026-08-31T23:30:00-07:00", utc: "2026-09-01T06:30:00Z"),
        // Shopify: 10:00 at +02:00 is 10:00 − 2 h = 08:00
        TimestampCase(text: "2024-05-01 10:00:00 +0200", utc: "2024-05-01T08:00:00Z"),
        TimestampCase(text: "2023-03-14 07:49:55 UTC", utc: "2023-03-14T07:49:55Z"),
        TimestampCase(text: "2023-03-14 07:49:55 GMT", utc: "2023-03-14T07:49:55Z"),
        TimestampCase(text: "2026-10-05T09:30:00Z", utc: "2026-10-05T09:30:00Z"),
        // fractional seconds are dropped (whole seconds kept)
        TimestampCase(text: "2026-10-05T09:30:15.250Z", utc: "2026-10-05T09:30:15Z"),
        // 03:15 at +09:00 is 03:15 − 9 h = 18:15 the day before
        TimestampCase(text: "2026-10-01T03:15:00.123456+09:00", utc: "2026-09-30T18:15:00Z"),
        TimestampCase(text: "2026-10-01T03:15:00+09", utc: "2026-09-30T18:15:00Z"),
        // half-hour zone: 12:00 at +05:30 is 06:30
        TimestampCase(text: "2026-10-01T12:00:00+0530", utc: "2026-10-01T06:30:00Z"),
        // no seconds
        TimestampCase(text: "2026-10-01T12:00Z", utc: "2026-10-01T12:00:00Z"),
        // a bare date is midnight in the local zone: Berlin is at +02:00 (CEST) on 1 July → 22:00 the day before
        TimestampCase(text: "2026-07-01", zone: "Europe/Berlin", utc: "2026-06-30T22:00:00Z"),
        // … and at +01:00 (CET) in January → 23:00 the day before
        TimestampCase(text: "2026-01-15", zone: "Europe/Berlin", utc: "2026-01-14T23:00:00Z"),
        TimestampCase(text: "2026-07-01", zone: "UTC", utc: "2026-07-01T00:00:00Z"),
        // a zone-less time is read in the local zone: 12:00 CEST − 2 h = 10:00
        TimestampCase(text: "2026-07-01 12:00:00", zone: "Europe/Berlin", utc: "2026-07-01T10:00:00Z"),
        // Los Angeles is at −07:00 (PDT) in August: 23:30 + 7 h = 06:30 the next day
        TimestampCase(text: "2026-08-31 23:30:00", zone: "America/Los_Angeles", utc: "2026-09-01T06:30:00Z"),
        // an explicit offset wins over the local zone
        TimestampCase(text: "2026-07-01T12:00:00Z", zone: "Europe/Berlin", utc: "2026-07-01T12:00:00Z"),
        // DST starts in Berlin on Sun 2026-03-29 at 02:00 local: 02:30 does not exist and is read with the offset
        // in force before the change (+01:00): 02:30 − 1 h = 01:30
        TimestampCase(text: "2026-03-29 02:30:00", zone: "Europe/Berlin", utc: "2026-03-29T01:30:00Z"),
        // DST ends on Sun 2026-10-25 at 03:00 local: 02:30 happens twice; the earlier is at +02:00 → 00:30
        TimestampCase(text: "2026-10-25 02:30:00", zone: "Europe/Berlin", utc: "2026-10-25T00:30:00Z"),
    ]

    @Test(arguments: timestamps)
    func readsTimestampsAsUTCInstants(_ c: TimestampCase) {
        #expect(Self.parse(c.text, in: c.zone).value?.description == c.utc)
    }

    @Test func countsSecondsFromTheUnixEpoch() {
        // `date -u -d 2026-08-31T23:30:00-07:00 +%s` = 1788244200;
        // by hand: 2026-09-01 is day 20_697 after 1970-01-01 (56 years = 20_454 days incl. 14 leap days, + 243 days
        // Jan…Aug 2026); 20_697 × 86_400 + 6.5 × 3_600 = 1_788_220_800 + 23_400 = 1_788_244_200
        #expect(Self.parse("2026-08-31T23:30:00-07:00").value?.secondsSinceEpoch == 1_788_244_200)
        // `date -u -d 2017-06-17T08:04:21Z +%s` = 1497686661
        #expect(Self.parse("2017-06-17T08:04:21+00:00").value?.secondsSinceEpoch == 1_497_686_661)
    }

    @Test(arguments: [
        "2026-13-01T00:00:00Z",  // month 13
        "2026-00-10T00:00:00Z",  // month 0
        "2026-02-30T00:00:00Z",  // 30 February
        "2026-02-29",  // 2026 is not a leap year
        "2026-04-31",  // April has 30 days
        "2026-08-00",  // day 0
        "2026-08-31T24:00:00Z",  // hour 24
        "2026-08-31T23:60:00Z",  // minute 60
        "2026-08-31T23:30:00 PST",  // zone abbreviations are not ISO
        "2026-08-31T23:30:00+25:00",  // no such offset
        "2026-08-31T23:30:00+02:0",  // cut-off offset
        "2026-08-31T23:30:00+02:00:00",  // offset with seconds
        "2026-08-31T23:30:00Zjunk",  // trailing text
        "2026-08-31T",  // no time after T
        "2026-08-31X23:30:00Z",  // bad date/time separator
        "31.08.2026 23:30:00 UTC",  // EU settlement layout is not ISO
        "2026/08/31",
        "2026-8-31",
        "abc",
    ])
    func rejectsMalformedDatesAndZones(_ text: String) {
        #expect(Self.parse(text).isInvalid)
    }

    @Test(arguments: ["", "   "])
    func readsAnEmptyTimestampAsMissing(_ text: String) {
        #expect(Self.parse(text).isMissing)
    }

    @Test func readsAPlainDate() {
        #expect(withBytes("2026-09-11") { DateParser.isoDate($0) }.value == CivilDate(year: 2026, month: 9, day: 11))
        #expect(withBytes(" 2024-02-29 ") { DateParser.isoDate($0) }.value == CivilDate(year: 2024, month: 2, day: 29))
    }

    @Test(arguments: ["2026-02-29", "2026-09-11T00:00:00Z", "2026-09-1", "11.09.2026", "2026-09-31"])
    func rejectsAPlainDateThatIsNotOne(_ text: String) {
        #expect(withBytes(text) { DateParser.isoDate($0) }.isInvalid)
    }
}
