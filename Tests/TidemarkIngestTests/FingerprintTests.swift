import Foundation
import Testing
import TidemarkTestSupport

@testable import TidemarkIngest

/// ``Fingerprint``: the SHA-256 of a file read in pieces into one buffer, and the errors of files that cannot be read.
@Suite struct FingerprintTests {
    /// FIPS 180-2's long test vector: one million "a" (eight pieces of 128 KiB, the last one partial).
    @Test func aMillionAsHashToTheStandardVector() throws {
        let path = try writeTemporaryFile("a-million.txt", String(repeating: "a", count: 1_000_000))
        #expect(try Fingerprint.sha256(ofFileAt: path) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// "abc" (FIPS 180-2's short vector) and the empty file.
    @Test func shortAndEmptyFiles() throws {
        #expect(try Fingerprint.sha256(ofFileAt: try writeTemporaryFile("abc.txt", "abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(try Fingerprint.sha256(ofFileAt: try writeTemporaryFile("empty.txt", "")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func aMissingFileAndADirectoryAreErrorsNamingThePath() throws {
        let dir = TestPaths.temporaryDirectory()
        let missing = dir.appendingPathComponent("no-such-file.csv").path
        #expect {
            try Fingerprint.sha256(ofFileAt: missing)
        } throws: { error in
            (error as? CocoaError)?.code == .fileReadNoSuchFile && (error as? CocoaError)?.filePath == missing
        }
        #expect {
            try Fingerprint.sha256(ofFileAt: dir.path)
        } throws: { error in
            (error as? CocoaError)?.code == .fileReadUnknown && ((error as? CocoaError)?.underlying as? POSIXError)?.code == .EISDIR
        }
    }
}
