import Testing
import TidemarkCommerce

@Suite struct ReportingTimeZoneTests {
    static func instant(_ date: String, _ h: Int, _ m: Int, _ s: Int = 0) -> Timestamp {
        Timestamp(date: CivilDate(iso: date)!, hour: h, minute: m, second: s, utcOffsetSeconds: 0)
    }

    @Test func countsALateUTCEveningAsTheNextDayInBerlin() {
        // 2026-10-24T22:30Z in CEST (+2) is 2026-10-25 00:30 local.
        let berlin = ReportingTimeZone(identifier: "Europe/Berlin")!
        #expect(berlin.date(of: Self.instant("2026-10-24", 22, 30)).description == "2026-10-25")
        #expect(berlin.date(of: Self.instant("2026-10-24", 21, 59, 59)).description == "2026-10-24")  // 23:59:59
    }

    @Test func followsTheEndOfSummerTime() {
        // EU summer time ends on the last Sunday of October, 2026-10-25, at 01:00Z (03:00 CEST → 02:00 CET).
        let berlin = ReportingTimeZone(identifier: "Europe/Berlin")!
        #expect(berlin.utcOffset(at: Self.instant("2026-10-25", 0, 59, 59)) == 7_200)
        #expect(berlin.utcOffset(at: Self.instant("2026-10-25", 1, 0)) == 3_600)
        // 23:30Z on the 25th is 00:30 CET on the 26th.
        #expect(berlin.date(of: Self.instant("2026-10-25", 23, 30)).description == "2026-10-26")
        #expect(berlin.date(of: Self.instant("2026-10-25", 22, 59)).description == "2026-10-25")
    }

    @Test func readsWallClockTimesInTheZone() {
        // 2019-12-01 00:07:47 in Los Angeles is PST (−8): 08:07:47Z.
        let la = ReportingTimeZone(identifier: "America/Los_Angeles")!
        #expect(la.instant(date: CivilDate(iso: "2019-12-01")!, hour: 0, minute: 7, second: 47).description
            == "2019-12-01T08:07:47Z")
        // 2019-07-01 12:00 is PDT (−7): 19:00Z.
        #expect(la.instant(date: CivilDate(iso: "2019-07-01")!, hour: 12, minute: 0, second: 0).description
            == "2019-07-01T19:00:00Z")
    }

    @Test func readsARepeatedTimeAsTheEarlierAndASkippedTimeWithTheOldOffset() {
        let berlin = ReportingTimeZone(identifier: "Europe/Berlin")!
        // 02:30 on 2026-10-25 happens twice: 00:30Z (CEST) and 01:30Z (CET). The earlier one is taken.
        #expect(berlin.instant(date: CivilDate(iso: "2026-10-25")!, hour: 2, minute: 30, second: 0).description
            == "2026-10-25T00:30:00Z")
        // 02:30 on 2026-03-29 never happens (01:00Z jumps from 02:00 CET to 03:00 CEST); read with CET (+1): 01:30Z.
        #expect(berlin.instant(date: CivilDate(iso: "2026-03-29")!, hour: 2, minute: 30, second: 0).description
            == "2026-03-29T01:30:00Z")
    }

    /// Every quarter hour of 2026 in Los Angeles: the local wall clock of an instant reads back as that instant,
    /// except in the repeated hour after the change back to standard time, which reads as its earlier twin.
    @Test func wallClockRoundTripsOverAYear() {
        let la = ReportingTimeZone(identifier: "America/Los_Angeles")!
        let start = Self.instant("2026-01-01", 8, 0).secondsSinceEpoch
        for step in 0..<(365 * 96) {
            let t = Timestamp(secondsSinceEpoch: start + Int64(step) * 900)
            let local = t.secondsSinceEpoch + Int64(la.utcOffset(at: t))
            let wall = Timestamp(secondsSinceEpoch: local)
            let s = Int(local - Int64(wall.utcDate.daysSinceEpoch) * 86_400)
            let back = la.instant(date: wall.utcDate, hour: s / 3600, minute: s / 60 % 60, second: s % 60)
            // PDT ends 2026-11-01 at 09:00Z; 09:00Z–09:59Z repeat the wall clock of 08:00Z–08:59Z.
            let repeated = t.secondsSinceEpoch >= Self.instant("2026-11-01", 9, 0).secondsSinceEpoch
                && t.secondsSinceEpoch < Self.instant("2026-11-01", 10, 0).secondsSinceEpoch
            let expected = repeated ? t.secondsSinceEpoch - 3600 : t.secondsSinceEpoch
            if back.secondsSinceEpoch != expected { Issue.record("\(t) read back as \(back)") }
        }
    }

    @Test func handlesInstantsBeforeTheEpoch() {
        // 1969-12-31T23:30Z in Berlin (CET, +1, no summer time then) is 00:30 on 1970-01-01.
        let berlin = ReportingTimeZone(identifier: "Europe/Berlin")!
        #expect(berlin.utcOffset(at: Timestamp(secondsSinceEpoch: -1_800)) == 3_600)
        #expect(berlin.date(of: Timestamp(secondsSinceEpoch: -1_800)).description == "1970-01-01")
    }

    @Test func crossesTheYearInTokyo() {
        // 2026-12-31T15:00Z is 2027-01-01 00:00 JST (+9).
        let tokyo = ReportingTimeZone(identifier: "Asia/Tokyo")!
        #expect(tokyo.date(of: Self.instant("2026-12-31", 15, 0)).description == "2027-01-01")
        #expect(tokyo.date(of: Self.instant("2026-12-31", 14, 59)).description == "2026-12-31")
    }

    @Test func utcHasNoOffset() {
        #expect(ReportingTimeZone.utc.utcOffset(at: Self.instant("2026-07-01", 12, 0)) == 0)
        #expect(ReportingTimeZone.utc.date(of: Self.instant("2026-07-01", 23, 59)).description == "2026-07-01")
    }

    @Test(arguments: ["Mars/Olympus_Mons", "Europe/Atlantis", ""])
    func rejectsUnknownIdentifiers(identifier: String) {
        #expect(ReportingTimeZone(identifier: identifier) == nil)
    }

    @Test func keepsItsIdentifier() {
        #expect(ReportingTimeZone(identifier: "Europe/Berlin")?.identifier == "Europe/Berlin")
    }

    @Test func followsHalfHourZonesAtHalfPast() {
        // Adelaide leaves summer time on 2026-04-05 at 03:00 ACDT (+10:30) = 2026-04-04T16:30Z, to ACST (+9:30).
        let adelaide = ReportingTimeZone(identifier: "Australia/Adelaide")!
        #expect(adelaide.utcOffset(at: Self.instant("2026-04-04", 16, 29, 59)) == 37_800)  // 10.5 h
        #expect(adelaide.utcOffset(at: Self.instant("2026-04-04", 16, 45)) == 34_200)  // 9.5 h
    }

    @Test func takesTheEarlierOfARepeatedTimeFarEastOfUTC() {
        // Auckland falls back on 2026-04-05 at 03:00 NZDT (+13) to 02:00 NZST (+12): 02:30 happens twice,
        // first at 02:30 − 13 h = 2026-04-04T13:30Z, then at 02:30 − 12 h = 14:30Z. The earlier one is taken.
        let auckland = ReportingTimeZone(identifier: "Pacific/Auckland")!
        #expect(auckland.instant(date: CivilDate(iso: "2026-04-05")!, hour: 2, minute: 30, second: 0).description
            == "2026-04-04T13:30:00Z")
    }

    @Test func keepsTheConfiguredIdentifier() {
        #expect(ReportingTimeZone.utc.identifier == "UTC")
        #expect(ReportingTimeZone(identifier: "UTC")!.identifier == "UTC")
        #expect(ReportingTimeZone(identifier: "Europe/Berlin")!.identifier == "Europe/Berlin")
    }
}
