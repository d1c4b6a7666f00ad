import Foundation
import Testing
import TidemarkTestSupport

@testable import TidemarkCSV

/// ``FilePieces``: a file read start to end in pieces into one buffer, and the failures of paths that cannot be read.
@Suite struct FilePiecesTests {
    @Test func piecesJoinToTheFileAcrossPieceBoundaries() throws {
        // 10,001 bytes in pieces of 4,096: 4,096 + 4,096 + 1,809.
        let bytes = (0..<10_001).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let url = try temporaryFile(bytes, name: "pieces.bin")
        var joined: [UInt8] = [], sizes: [Int] = []
        try FilePieces(path: url.path).forEach(pieceSize: 4_096) { piece in
            joined.append(contentsOf: piece)
            sizes.append(piece.count)
        }
        #expect(sizes == [4_096, 4_096, 1_809])
        #expect(joined == bytes)
    }

    @Test func anEmptyFileHasNoPieces() throws {
        var calls = 0
        try FilePieces(path: try temporaryFile([], name: "empty.bin").path).forEach(pieceSize: 16) { _ in calls += 1 }
        #expect(calls == 0)
    }

    @Test func whatTheBodyThrowsStopsTheReadAndIsRethrown() throws {
        struct Enough: Error {}
        var calls = 0
        #expect(throws: Enough.self) {
            try FilePieces(path: try temporaryFile([UInt8](repeating: 1, count: 100), name: "ten.bin").path).forEach(pieceSize: 10) { _ in
                calls += 1
                if calls == 2 { throw Enough() }
            }
        }
        #expect(calls == 2)
    }

    @Test func aMissingFileFailsToOpenAndADirectoryToRead() {
        let missing = #expect(throws: FileReadFailure.self) { _ = try FilePieces(path: "/nonexistent/tidemark/x.csv") }
        #expect(missing?.step == .open && missing?.code == ENOENT)
        #expect(missing?.description == "No such file or directory")
        let directory = #expect(throws: FileReadFailure.self) { _ = try FilePieces(path: TestPaths.temporaryDirectory().path) }
        #expect(directory?.step == .read && directory?.code == EISDIR)
        #expect(directory?.description == "is a directory")
    }
}
