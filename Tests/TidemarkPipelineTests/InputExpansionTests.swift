import Foundation
import Testing
import TidemarkTestSupport

@testable import TidemarkPipeline

@Suite struct InputExpansionTests {
    @Test func expandsGlobsSortedAndDeduplicated() throws {
        let dir = TestPaths.temporaryDirectory()
        for name in ["b.csv", "a.csv", "c.txt", ".hidden.csv"] { try Data().write(to: dir.appendingPathComponent(name)) }
        let files = InputExpansion.expand([dir.path + "/*.csv", dir.path + "/a.csv", dir.path + "/*.txt"])
        #expect(files == [dir.path + "/a.csv", dir.path + "/b.csv", dir.path + "/c.txt"])
    }

    @Test func keepsAMissingPlainPathSoTheRunCanReportIt() {
        #expect(InputExpansion.expand(["/nonexistent/x.csv"]) == ["/nonexistent/x.csv"])
        #expect(InputExpansion.expand(["/nonexistent/*.csv"]) == [])
    }

    @Test func aDirectoryStandsForItsVisibleFiles() throws {
        let dir = TestPaths.temporaryDirectory()
        for name in ["2.csv", "1.csv", ".x"] { try Data().write(to: dir.appendingPathComponent(name)) }
        #expect(InputExpansion.expand([dir.path]) == [dir.path + "/1.csv", dir.path + "/2.csv"])
    }
}
