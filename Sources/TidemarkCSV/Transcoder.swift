import Glibc

/// Streams bytes in a legacy or UTF-16 encoding to UTF-8 with glibc iconv, chunk by chunk.
///
/// A character split across two chunks is carried over (iconv reports `EINVAL` for an incomplete sequence at
/// the end of its input); an invalid sequence (`EILSEQ`) becomes U+FFFD and is counted, one code unit skipped.
final class Transcoder {
    /// The iconv conversion descriptor (from `encoding` to UTF-8).
    private let descriptor: iconv_t
    /// How many bytes to skip past an invalid sequence (2 for UTF-16, else 1).
    private let codeUnitSize: Int
    /// The bytes of an incomplete sequence at the end of the previous chunk.
    private var carry: [UInt8] = []
    /// The UTF-8 output buffer, handed to the sink whenever it fills up and at the end of each chunk.
    private let output: UnsafeMutablePointer<CChar>
    /// The capacity of `output`.
    private let outputCapacity = 1 << 16
    /// Invalid sequences replaced by U+FFFD so far.
    private(set) var replacements = 0

    /// A converter from `encoding` (which must have an iconv name) to UTF-8, or an error naming `fileName`.
    init(encoding: TextEncoding, fileName: String) throws(CSVError) {
        let name = encoding.iconvName ?? "UTF-8"
        let descriptor = iconv_open("UTF-8", name)
        guard let descriptor, Int(bitPattern: descriptor) != -1 else {
            throw CSVError(.encoding, file: fileName, message: "cannot convert from \(encoding.rawValue) to UTF-8")
        }
        self.descriptor = descriptor
        self.codeUnitSize = encoding.codeUnitSize
        self.output = .allocate(capacity: outputCapacity)
    }

    deinit {
        iconv_close(descriptor)
        output.deallocate()
    }

    /// Converts `input`, handing the UTF-8 result to `sink` in one or more pieces.
    func convert(_ input: UnsafeRawBufferPointer, into sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        if carry.isEmpty {
            try run(input, into: sink)
        } else {
            var joined = carry
            carry.removeAll()
            joined.append(contentsOf: input)
            try joined.withUnsafeBytes { try run($0, into: sink) }
        }
    }

    /// Ends the stream: an incomplete sequence left over becomes U+FFFD.
    func finish(into sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        var outPointer: UnsafeMutablePointer<CChar>? = output
        var outLeft = outputCapacity
        if !carry.isEmpty {
            carry.removeAll()
            appendReplacement(&outPointer, &outLeft)
        }
        _ = iconv(descriptor, nil, nil, &outPointer, &outLeft)
        try flush(&outPointer, &outLeft, into: sink)
    }

    /// One iconv pass over `input`; see the type's documentation for the error handling.
    private func run(_ input: UnsafeRawBufferPointer, into sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        guard let base = input.baseAddress, input.count > 0 else { return }
        var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutablePointer(
            mutating: base.assumingMemoryBound(to: CChar.self))
        var inLeft = input.count
        var outPointer: UnsafeMutablePointer<CChar>? = output
        var outLeft = outputCapacity
        while inLeft > 0 {
            if iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft) != -1 { break }
            switch errno {
            case E2BIG:
                try flush(&outPointer, &outLeft, into: sink)
            case EINVAL:
                // An incomplete sequence at the end of this chunk: keep it for the next one.
                carry = Array(UnsafeRawBufferPointer(start: inPointer, count: inLeft))
                inLeft = 0
            default:  // EILSEQ: an invalid sequence.
                if outLeft < 3 { try flush(&outPointer, &outLeft, into: sink) }
                appendReplacement(&outPointer, &outLeft)
                let skip = min(codeUnitSize, inLeft)
                inPointer = inPointer.map { $0 + skip }
                inLeft -= skip
            }
        }
        try flush(&outPointer, &outLeft, into: sink)
    }

    /// Writes U+FFFD (`EF BF BD`) to the output and counts it; the caller ensures three bytes are free.
    private func appendReplacement(_ outPointer: inout UnsafeMutablePointer<CChar>?, _ outLeft: inout Int) {
        guard let pointer = outPointer else { return }
        pointer[0] = CChar(bitPattern: 0xEF)
        pointer[1] = CChar(bitPattern: 0xBF)
        pointer[2] = CChar(bitPattern: 0xBD)
        outPointer = pointer + 3
        outLeft -= 3
        replacements += 1
    }

    /// Hands the output produced so far to `sink` and empties the output buffer.
    private func flush(
        _ outPointer: inout UnsafeMutablePointer<CChar>?, _ outLeft: inout Int,
        into sink: (UnsafeRawBufferPointer) throws -> Void
    ) rethrows {
        let produced = outputCapacity - outLeft
        if produced > 0 { try sink(UnsafeRawBufferPointer(start: output, count: produced)) }
        outPointer = output
        outLeft = outputCapacity
    }
}
