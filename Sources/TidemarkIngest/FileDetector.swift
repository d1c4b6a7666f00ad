import Foundation
import TidemarkCSV
import TidemarkCommerce

/// How to read one source file: everything may be left to detection.
public struct IngestOptions: Sendable {
    /// Force a format by id instead of detecting it.
    public var formatID: String?
    /// Force an encoding instead of sniffing it.
    public var encoding: TextEncoding?
    /// The encoding to assume when the file is not valid UTF-8 and has no BOM.
    public var fallbackEncoding: TextEncoding
    /// Force the decimal separator instead of sniffing it from the file's numbers.
    public var decimalSeparator: DecimalSeparator?
    /// How many lines before the header may be preamble.
    public var maxPreambleLines: Int
    /// A format declared by the pipeline (a custom column mapping): the file is read with it alone.
    public var customFormat: FormatDeclaration?

    public init(
        formatID: String? = nil, encoding: TextEncoding? = nil, fallbackEncoding: TextEncoding = .windows1252,
        decimalSeparator: DecimalSeparator? = nil, maxPreambleLines: Int = 40
    ) {
        self.formatID = formatID
        self.encoding = encoding
        self.fallbackEncoding = fallbackEncoding
        self.decimalSeparator = decimalSeparator
        self.maxPreambleLines = maxPreambleLines
    }
}

/// What detection found out about a file.
public struct FileDetection: Sendable {
    public var format: FormatDeclaration
    public var encoding: TextEncoding
    public var dialect: CSVDialect
    /// The physical line of the header (1-based); lines before it are preamble.
    public var headerLine: Int
    public var columns: ColumnMap
    public var decimalSeparator: DecimalSeparator
    /// Optional columns of the format this file does not have.
    public var absentOptionalColumns: [String]
    /// The records before the header (titles, date ranges, "All amounts in USD"), as text, for formats that
    /// take settings from them.
    public var preamble: [[String]]

    /// Lines before the header.
    public var preambleLines: Int { max(0, headerLine - 1) }
}

/// Why a file cannot be read at all. Row problems are ``RejectedRow`` values instead.
public struct IngestError: Error, CustomStringConvertible, Sendable {
    public enum Code: Sendable, Equatable {
        case unreadable
        case empty
        case unknownFormat
    }
    public let code: Code
    public let file: String
    public let message: String

    public var description: String { "\(file): \(message)" }
}

/// Recognises a file's encoding, delimiter, header line and format from its first bytes.
public enum FileDetector {
    static let prefixBytes = 256 * 1024
    static let candidateDelimiters: [UInt8] = [0x09, UInt8(ascii: ","), UInt8(ascii: ";")]

    /// Detects how to read `path`. Throws ``IngestError`` for an unreadable or empty file, or a file of no known
    /// format (naming the closest format and its missing columns).
    public static func detect(path: String, displayName: String, options: IngestOptions) throws -> FileDetection {
        let prefix: [UInt8]
        do {
            prefix = try readPrefix(path: path, count: prefixBytes)
        } catch {
            throw IngestError(code: .unreadable, file: displayName, message: "cannot be read: \(error)")
        }
        if prefix.isEmpty { throw IngestError(code: .empty, file: displayName, message: "is empty (0 bytes)") }
        let encoding = options.encoding ?? EncodingSniffer.sniff(prefix: prefix, fallback: options.fallbackEncoding)
        let formats = options.customFormat.map { [$0] } ?? options.formatID.flatMap { FormatRegistry.format(id: $0) }.map { [$0] } ?? FormatRegistry.all

        var closest: MissingColumns?
        var firstHeader: [String] = []
        for delimiter in candidateDelimiters {
            let reader = CSVReader(fileName: displayName, dialect: CSVDialect(delimiter: delimiter, quoting: true), encoding: encoding)
            var found: (FormatDeclaration, ColumnMap, Int)?
            var samples: [[String]] = []
            var preamble: [[String]] = []
            var seen = 0
            _ = try? reader.read(chunks: [prefix]) { record in
                if found != nil {
                    if samples.count < 200, record.problem == nil { samples.append((0..<record.count).map { record.string($0) ?? "" }) }
                    if samples.count >= 200 { throw StopReading() }
                    return
                }
                seen += 1
                if seen > options.maxPreambleLines { throw StopReading() }
                let raw = (0..<record.count).map { (record.string($0) ?? "").trimmingASCIISpaces() }
                if record.isBlank || record.count < 2 {
                    preamble.append(raw)
                    return
                }
                let normalized = raw.map(HeaderName.normalize)
                if firstHeader.isEmpty { firstHeader = raw }
                var best: (FormatDeclaration, ColumnMap)?
                for format in formats {
                    switch format.match(normalizedHeader: normalized, rawHeader: raw) {
                    case .success(let map):
                        if best == nil || format.signature.count > best!.0.signature.count { best = (format, map) }
                    case .failure(let m):
                        if closest == nil || m.signatureMatched > closest!.signatureMatched
                            || (m.signatureMatched == closest!.signatureMatched && m.missing.count < closest!.missing.count)
                        {
                            if m.signatureMatched > 0 { closest = m }
                        }
                    }
                }
                if let best { found = (best.0, best.1, record.line) } else { preamble.append(raw) }
            }
            guard let (format, map, headerLine) = found else { continue }
            let separator = options.decimalSeparator ?? sniffDecimalSeparator(samples, delimiter: delimiter)
            let absent = format.columns.filter { map.index($0.field) == nil }.compactMap { $0.names.first }
            let detection = FileDetection(
                format: format, encoding: encoding, dialect: CSVDialect(delimiter: delimiter, quoting: format.quoting),
                headerLine: headerLine, columns: map, decimalSeparator: separator, absentOptionalColumns: absent,
                preamble: preamble)
            return detection
        }
        // No header: a header-less positional layout, only if the first record has its exact shape.
        if let positional = detectPositional(prefix: prefix, encoding: encoding, displayName: displayName, formatIDs: Set(formats.map(\.id)), options: options) {
            return positional
        }
        if let closest, let format = FormatRegistry.format(id: closest.format) {
            throw IngestError(
                code: .unknownFormat, file: displayName,
                message: "is not a known export format: closest is \(format.title) (\(format.id)), missing columns: \(closest.missing.joined(separator: ", "))")
        }
        let shown = firstHeader.prefix(8).joined(separator: ", ")
        throw IngestError(
            code: .unknownFormat, file: displayName,
            message: "is not a known export format (first line: \(shown.isEmpty ? "no columns" : shown)); run `tidemark formats` for the known ones, or map its columns in the pipeline file")
    }

    struct StopReading: Error {}

    /// Up to the first `count` bytes of the file (fewer if it is shorter). Throws ``FileReadFailure`` (its
    /// description is the reason: "No such file or directory", "is a directory", …).
    static func readPrefix(path: String, count: Int) throws -> [UInt8] {
        var prefix: [UInt8] = []
        prefix.reserveCapacity(count)
        do {
            try FilePieces(path: path).forEach(pieceSize: 64 * 1024) { piece in
                prefix.append(contentsOf: piece.prefix(count - prefix.count))
                if prefix.count >= count { throw StopReading() }
            }
        } catch is StopReading {}
        return prefix
    }

    /// The value without letters, currency symbols and spaces around the digits.
    static func strippingCurrencyText(_ field: String) -> String {
        // Most sample fields are plain numbers or plain ASCII words: decided from the bytes, without Unicode
        // properties (the same answers as below: all number parts → the field; no number part → empty).
        let utf8 = field.utf8
        func isNumberPart(_ b: UInt8) -> Bool { (b >= 48 && b <= 57) || b == 44 || b == 46 || b == 45 }
        if utf8.allSatisfy(isNumberPart) { return field }
        if !utf8.contains(where: { isNumberPart($0) || $0 >= 0x80 }) { return "" }
        if utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII: the alphabetic scalars are the letters, and the only currency symbol is `$`.
            let bytes = Array(utf8)
            guard let first = bytes.firstIndex(where: isNumberPart), let last = bytes.lastIndex(where: isNumberPart) else { return "" }
            func mayWrap(_ b: UInt8) -> Bool {
                (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == UInt8(ascii: "$") || b == 32 || b == 40 || b == 41
            }
            guard bytes[..<first].allSatisfy(mayWrap), bytes[(last + 1)...].allSatisfy(mayWrap) else { return "" }
            return String(decoding: bytes[first...last], as: UTF8.self)
        }
        return strippingCurrencyTextByScalars(field)
    }

    /// ``strippingCurrencyText(_:)`` for any field, scalar by scalar.
    static func strippingCurrencyTextByScalars(_ field: String) -> String {
        let scalars = Array(field.unicodeScalars)
        let isNumberPart: (Unicode.Scalar) -> Bool = { ("0"..."9").contains($0) || $0 == "," || $0 == "." || $0 == "-" }
        guard let first = scalars.firstIndex(where: isNumberPart), let last = scalars.lastIndex(where: isNumberPart) else { return "" }
        let outside = scalars[..<first] + scalars[(last + 1)...]
        // Only currency-like text may surround it: letters, symbols, spaces, parentheses.
        guard outside.allSatisfy({ $0.properties.isAlphabetic || $0.properties.generalCategory == .currencySymbol || $0 == " " || $0 == "\u{A0}" || $0 == "(" || $0 == ")" }) else { return "" }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[first...last])
        return String(out)
    }

    /// Decides the decimal separator from sample values: a value like `12,50` or `1.234,56` votes comma; `12.50`
    /// or `1,234.56` votes point. Ties (or no evidence) go to point, except in `;`-separated files.
    static func sniffDecimalSeparator(_ rows: [[String]], delimiter: UInt8) -> DecimalSeparator {
        var comma = 0
        var point = 0
        for row in rows {
            for field in row {
                // Currency text around the number (`EUR 90,00`, `$1,234.50`, `12,50 €`) does not hide it.
                let v = Self.strippingCurrencyText(field)
                let chars = Array(v.utf8)
                guard chars.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 44 || $0 == 46 || $0 == 45 }) else { continue }
                // Only ASCII digits and marks are left, one character per byte: the byte count is the length (a
                // `String.count` walks grapheme boundaries, the detector's costliest step).
                guard chars.count >= 3, chars.count <= 24 else { continue }
                let points = chars.filter { $0 == 46 }.count
                let commas = chars.filter { $0 == 44 }.count
                // `03.09.2026` is a date, not a number: two points and no comma say nothing about decimals.
                if points >= 2 && commas == 0 { continue }
                let lastComma = chars.lastIndex(of: 44)
                let lastPoint = chars.lastIndex(of: 46)
                func decimalsAfter(_ i: Int) -> Int { chars.count - i - 1 }
                if let c = lastComma, lastPoint == nil || c > lastPoint!, commas == 1, decimalsAfter(c) == 2 || decimalsAfter(c) == 1 { comma += 1 }
                if let p = lastPoint, lastComma == nil || p > lastComma!, points == 1, decimalsAfter(p) == 2 || decimalsAfter(p) == 1 || decimalsAfter(p) >= 4 { point += 1 }
            }
        }
        if comma > point { return .comma }
        if point > comma { return .point }
        return delimiter == UInt8(ascii: ";") ? .comma : .point
    }
}
