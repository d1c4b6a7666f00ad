#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The order of two (platform, order id) keys as the warehouse sorts them (SQLite's BINARY collation: UTF-8 bytes,
/// platform name first): negative, zero or positive.
public func compareOrderKeys(_ p1: Platform, _ id1: String, _ p2: Platform, _ id2: String) -> Int {
    if p1 != p2 { return compareBytes(p1.name, p2.name) }
    return compareBytes(id1, id2)
}

/// The order of two strings by their UTF-8 bytes: negative, zero or positive.
private func compareBytes(_ a: String, _ b: String) -> Int {
    var a = a, b = b
    return a.withUTF8 { x in
        b.withUTF8 { y in
            let common = min(x.count, y.count)
            if common > 0, let xb = x.baseAddress, let yb = y.baseAddress {
                let c = memcmp(xb, yb, common)
                if c != 0 { return Int(c) }
            }
            return x.count - y.count
        }
    }
}
