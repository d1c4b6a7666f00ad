import Foundation
import Testing
import TidemarkTestSupport

@testable import TidemarkReports

@Suite("OutputFolder")
struct OutputFolderTests {
    static func contents(_ url: URL) throws -> [String: String] {
        var out: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: url.path) {
            out[name] = try String(contentsOf: url.appendingPathComponent(name), encoding: .utf8)
        }
        return out
    }

    static func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }

    @Test func filesAppearInTheDestinationOnlyAfterCommit() throws {
        let parent = TestPaths.temporaryDirectory()
        let destination = parent.appendingPathComponent("out")
        let folder = try OutputFolder(destination: destination)
        try folder.write("a.csv", "x,y\n")
        try folder.write("b.bin", [0x00, 0xFF])
        #expect(!Self.exists(destination))
        #expect(Self.exists(folder.staging.appendingPathComponent("a.csv")))
        // The staging folder sits beside the destination (same file system, so the move is a rename).
        #expect(folder.staging.deletingLastPathComponent().standardizedFileURL.path == parent.standardizedFileURL.path)

        try folder.commit()
        #expect(try String(contentsOf: destination.appendingPathComponent("a.csv"), encoding: .utf8) == "x,y\n")
        #expect(try Data(contentsOf: destination.appendingPathComponent("b.bin")) == Data([0x00, 0xFF]))
        #expect(!Self.exists(folder.staging))
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["out"])
    }

    @Test func aPreviousFolderIsReplacedWhole() throws {
        let parent = TestPaths.temporaryDirectory()
        let destination = parent.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
        try "old".write(to: destination.appendingPathComponent("stale.csv"), atomically: true, encoding: .utf8)
        try "old".write(to: destination.appendingPathComponent("report.html"), atomically: true, encoding: .utf8)

        let folder = try OutputFolder(destination: destination)
        try folder.write("report.html", "new")
        try folder.write("run.json", "{}")
        // Until the commit, readers still see the old report.
        #expect(try Self.contents(destination) == ["stale.csv": "old", "report.html": "old"])
        try folder.commit()
        // No file of the old folder survives, and nothing is left beside it.
        #expect(try Self.contents(destination) == ["report.html": "new", "run.json": "{}"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["out"])
    }

    @Test func abandonLeavesTheDestinationUntouched() throws {
        let parent = TestPaths.temporaryDirectory()
        let destination = parent.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
        try "old".write(to: destination.appendingPathComponent("report.html"), atomically: true, encoding: .utf8)

        let folder = try OutputFolder(destination: destination)
        try folder.write("report.html", "half-writ")
        folder.abandon()
        #expect(try Self.contents(destination) == ["report.html": "old"])
        #expect(!Self.exists(folder.staging))
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["out"])
    }

    @Test func theParentFolderIsCreatedWhenMissing() throws {
        let destination = TestPaths.temporaryDirectory().appendingPathComponent("reports/2026/out")
        let folder = try OutputFolder(destination: destination)
        try folder.write("a.txt", "1")
        try folder.commit()
        #expect(try Self.contents(destination) == ["a.txt": "1"])
    }
}
