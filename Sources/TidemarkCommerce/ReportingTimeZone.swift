import Foundation

/// The time zone periods are counted in: a fact belongs to its date in this zone. Default UTC.
///
/// Wraps the IANA database through Foundation and caches the offset per UTC quarter hour: every zone's offset
/// changes on a quarter-hour boundary (half-hour zones such as Adelaide change at half past).
public final class ReportingTimeZone: @unchecked Sendable {
    /// The IANA identifier, e.g. `Europe/Berlin`.
    public let identifier: String
    private let zone: TimeZone
    private var offsetBySlot: [Int64: Int] = [:]
    private let lock = NSLock()
    /// The offset of a zone that never changes it (UTC and its aliases), read without the cache and its lock.
    private let fixedOffset: Int?

    /// UTC.
    public static let utc = ReportingTimeZone(validated: TimeZone(identifier: "UTC")!, identifier: "UTC")

    private init(validated zone: TimeZone, identifier: String) {
        self.zone = zone
        self.identifier = identifier
        fixedOffset = ["UTC", "GMT", "Etc/UTC", "Etc/GMT", "Etc/Universal", "Etc/Zulu", "Universal", "Zulu"].contains(identifier) ? 0 : nil
    }

    /// The zone with this IANA identifier, or `nil` if the identifier is unknown.
    public convenience init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.init(validated: zone, identifier: identifier)
    }

    /// Seconds east of UTC in this zone at an instant.
    public func utcOffset(at instant: Timestamp) -> Int {
        if let fixedOffset { return fixedOffset }
        let slot = instant.secondsSinceEpoch >= 0 ? instant.secondsSinceEpoch / 900 : (instant.secondsSinceEpoch - 899) / 900
        lock.lock()
        defer { lock.unlock() }
        if let cached = offsetBySlot[slot] { return cached }
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(slot * 900)))
        offsetBySlot[slot] = offset
        return offset
    }

    /// The calendar date of an instant in this zone.
    public func date(of instant: Timestamp) -> CivilDate {
        Timestamp(secondsSinceEpoch: instant.secondsSinceEpoch + Int64(utcOffset(at: instant))).utcDate
    }

    /// The instant a local wall-clock time in this zone denotes (the earlier one when a time repeats at a
    /// daylight-saving change; a skipped time is read with the offset in force before the change).
    public func instant(date: CivilDate, hour: Int, minute: Int, second: Int) -> Timestamp {
        let guess = Timestamp(date: date, hour: hour, minute: minute, second: second, utcOffsetSeconds: 0)
        // The offset a day earlier is the one in force before any change on this local day (offsets span −12…+14 h).
        let before = utcOffset(at: Timestamp(secondsSinceEpoch: guess.secondsSinceEpoch - 86_400))
        let candidate = Timestamp(secondsSinceEpoch: guess.secondsSinceEpoch - Int64(before))
        let actual = utcOffset(at: candidate)
        if actual == before { return candidate }
        let second = Timestamp(secondsSinceEpoch: guess.secondsSinceEpoch - Int64(actual))
        return utcOffset(at: second) == actual ? second : candidate
    }
}
