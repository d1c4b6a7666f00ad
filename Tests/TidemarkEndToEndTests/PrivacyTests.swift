import Foundation
import Testing
import TidemarkTestSupport

/// No raw buyer email (or name) from the fixtures reaches the warehouse file or any output: customers are keyed by
/// HMAC-SHA-256 only (metrics.md §2).
@Suite struct PrivacyTests {
    /// Every email address written anywhere in the demo's input files.
    static func fixtureEmails() throws -> Set<String> {
        let pattern = try NSRegularExpression(pattern: "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}")
        var out: Set<String> = []
        let root = TestPaths.packageRoot.appendingPathComponent("fixtures")
        for folder in ["shopify", "ebay", "aliexpress", "alibaba", "amazon-payments"] {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? [] {
                let data = try Data(contentsOf: root.appendingPathComponent(folder).appendingPathComponent(name))
                let text = String(decoding: data, as: UTF8.self)
                for m in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    out.insert(String(text[Range(m.range, in: text)!]).lowercased())
                }
            }
        }
        return out
    }

    @Test func noFixtureEmailAppearsInTheWarehouseOrAnyOutput() throws {
        let emails = try Self.fixtureEmails()
        #expect(emails.count >= 10, "the fixtures should hold buyer emails to test with")
        let dir = TestPaths.temporaryDirectory()
        let r = try TidemarkBinary.run(
            ["run", "pipelines/demo.yaml", "--out", dir.appendingPathComponent("out").path, "--warehouse", dir.appendingPathComponent("w.sqlite").path, "--fail-on", "never", "--quiet"],
            environment: ["TIDEMARK_NOW": "2026-11-22T06:00:00Z", "TIDEMARK_CUSTOMER_KEY": "k"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        var files = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("out").path).map { dir.appendingPathComponent("out").appendingPathComponent($0) }
        files += try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("w.sqlite") }.map { dir.appendingPathComponent($0) }
        #expect(files.count >= 15)
        for file in files {
            let text = String(decoding: try Data(contentsOf: file), as: UTF8.self).lowercased()
            for email in emails { #expect(!text.contains(email), "\(email) found in \(file.lastPathComponent)") }
            #expect(!text.contains("@example."), "an email-like value in \(file.lastPathComponent)")
        }
        #expect(!r.stdout.contains("@") && !r.stderr.contains("@"))
    }
}
