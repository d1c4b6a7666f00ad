import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Errors of the corpus generator.
public struct GenerateError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// A buffered file writer that formats integers and fixed-point amounts straight into bytes (no `String`
/// formatting, no whole-file strings): the buffer is flushed with `fwrite` every 1 MiB.
final class ByteWriter {
    private let file: UnsafeMutablePointer<FILE>
    private var buffer: [UInt8] = []
    private(set) var bytesWritten = 0
    private(set) var rows = 0
    let path: String

    init(path: String) throws {
        guard let file = fopen(path, "wb") else { throw GenerateError("cannot create \(path)") }
        self.file = file
        self.path = path
        buffer.reserveCapacity(1 << 20 + 4096)
    }

    deinit { fclose(file) }

    @inline(__always) func byte(_ b: UInt8) { buffer.append(b) }

    func text(_ s: String) {
        var s = s
        s.withUTF8 { buffer.append(contentsOf: $0) }
    }

    func text(_ s: StaticString) {
        s.withUTF8Buffer { buffer.append(contentsOf: $0) }
    }

    /// `s` as a CSV field, quoted (and its `"` doubled) when it holds a comma, quote or line break.
    func csvField(_ s: String) {
        var needs = false
        for b in s.utf8 where b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D { needs = true; break }
        if !needs { text(s); return }
        buffer.append(0x22)
        for b in s.utf8 {
            if b == 0x22 { buffer.append(0x22) }
            buffer.append(b)
        }
        buffer.append(0x22)
    }

    /// A decimal integer.
    func int(_ value: Int) {
        var v = value
        if v < 0 { buffer.append(0x2D); v = -v }
        if v < 10 { buffer.append(0x30 + UInt8(v)); return }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            while v > 0 { raw[n] = 0x30 + UInt8(v % 10); v /= 10; n += 1 }
            while n > 0 { n -= 1; buffer.append(raw[n]) }
        }
    }

    /// A non-negative integer padded with zeros to `width` digits.
    func padded(_ value: Int, width: Int) {
        var digits = 1
        var v = value / 10
        while v > 0 { digits += 1; v /= 10 }
        if digits < width { for _ in digits..<width { buffer.append(0x30) } }
        int(value)
    }

    /// A fixed-point amount: `minor` units with `digits` decimals (`1999, 2` → `19.99`; `3980, 0` → `3980`).
    func amount(_ minor: Int, digits: Int) {
        if digits == 0 { int(minor); return }
        var v = minor
        if v < 0 { buffer.append(0x2D); v = -v }
        var scale = 1
        for _ in 0..<digits { scale *= 10 }
        int(v / scale)
        buffer.append(0x2E)
        padded(v % scale, width: digits)
    }

    /// An amount like ``amount(_:digits:)`` with a decimal comma (`1999, 2` → `19,99`), as EU reports write it.
    func amountComma(_ minor: Int, digits: Int) {
        amount(minor, digits: digits)
        if digits > 0 { buffer[buffer.count - digits - 1] = 0x2C }
    }

    /// `DD.MM.YYYY`, as EU reports write dates.
    func dateDotted(_ d: Day) {
        padded(d.day, width: 2); buffer.append(0x2E); padded(d.month, width: 2); buffer.append(0x2E); int(d.year)
    }

    /// `YYYYMMDD`.
    func dateCompact(_ d: Day) {
        int(d.year); padded(d.month, width: 2); padded(d.day, width: 2)
    }

    /// Raw bytes (text already encoded, e.g. GBK).
    func bytes(_ b: [UInt8]) { buffer.append(contentsOf: b) }

    /// `YYYY-MM-DD`.
    func date(_ d: Day) {
        int(d.year); buffer.append(0x2D); padded(d.month, width: 2); buffer.append(0x2D); padded(d.day, width: 2)
    }

    /// `HH:MM:SS` from seconds of the day.
    func time(_ seconds: Int) {
        padded(seconds / 3600, width: 2); buffer.append(0x3A)
        padded(seconds / 60 % 60, width: 2); buffer.append(0x3A)
        padded(seconds % 60, width: 2)
    }

    @inline(__always) func tab() { buffer.append(0x09) }
    @inline(__always) func comma() { buffer.append(0x2C) }

    /// Ends a record with LF (or CRLF) and flushes the buffer when it passed 1 MiB.
    func endRow(crlf: Bool = false) throws {
        if crlf { buffer.append(0x0D) }
        buffer.append(0x0A)
        rows += 1
        if buffer.count >= 1 << 20 { try flush() }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        let n = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        guard n == buffer.count else { throw GenerateError("write failed: \(path)") }
        bytesWritten += n
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes; returns the file's size.
    func finish() throws -> Int {
        try flush()
        fflush(file)
        return bytesWritten
    }
}
