/// Differences between two printed decimal figures (`"1234.50"` → `"1240.00"` moved by `"5.50"`), computed exactly on
/// the digits, never through floating point.
public enum MarginDelta {
    /// `current − previous` written with the larger number of decimals of the two, or `nil` when either is empty
    /// or not a plain decimal (a flag such as `true`).
    public static func difference(_ previous: String, _ current: String) -> String? {
        guard let (a, da) = parse(previous), let (b, db) = parse(current) else { return nil }
        let d = max(da, db)
        let x = a * pow10(d - da), y = b * pow10(d - db)
        return decimal(y - x, d)
    }

    static func parse(_ s: String) -> (Int64, Int)? {
        guard !s.isEmpty else { return nil }
        var negative = false
        var value: Int64 = 0
        var decimals = 0
        var seenPoint = false
        for (i, c) in s.utf8.enumerated() {
            if c == UInt8(ascii: "-") && i == 0 { negative = true; continue }
            if c == UInt8(ascii: ".") && !seenPoint { seenPoint = true; continue }
            guard c >= 48, c <= 57 else { return nil }
            value = value * 10 + Int64(c - 48)
            if seenPoint { decimals += 1 }
        }
        return (negative ? -value : value, decimals)
    }

    static func pow10(_ n: Int) -> Int64 { (0..<n).reduce(1) { r, _ in r * 10 } }

    static func decimal(_ v: Int64, _ d: Int) -> String {
        let sign = v < 0 ? "-" : (v > 0 ? "+" : "")
        let m = v.magnitude
        if d == 0 { return sign + String(m) }
        let p = UInt64(pow10(d))
        let frac = String(m % p)
        return sign + String(m / p) + "." + String(repeating: "0", count: d - frac.count) + frac
    }
}
