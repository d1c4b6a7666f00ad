import Foundation
import Testing
import TidemarkTestSupport

/// The CDNOW sample loaded as an unknown order export through a column mapping (pipelines/cdnow.yaml) reproduces
/// Fader, Hardie & Lee's published estimates to 3 significant digits.
@Suite struct CDNOWTests {
    @Test func publishedBGNBDAndGammaGammaEstimatesAreReproduced() throws {
        let dir = TestPaths.temporaryDirectory()
        let r = try TidemarkBinary.run(
            ["run", "pipelines/cdnow.yaml", "--out", dir.appendingPathComponent("out").path, "--warehouse", dir.appendingPathComponent("w.sqlite").path, "--quiet", "--fail-on", "never"],
            environment: ["TIDEMARK_NOW": "2026-11-22T06:00:00Z", "TIDEMARK_CUSTOMER_KEY": "k"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let text = try String(contentsOf: dir.appendingPathComponent("out/clv_model.csv"), encoding: .utf8)
        var value: [String: Double] = [:]
        var customers: [String: Int] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",").map(String.init)
            value[f[1]] = Double(f[2])
            customers[f[0]] = Int(f[4])
        }
        // Published (BG/NBD on 2,357 customers; Gamma-Gamma on the 946 repeat customers): each figure must round
        // to the published digits, i.e. lie within half a unit of its last decimal.
        let published: [(String, Double, Double)] = [
            ("r", 0.243, 0.0005), ("alpha", 4.414, 0.0005), ("a", 0.793, 0.0005), ("b", 2.426, 0.0005),
            ("p", 6.25, 0.005), ("q", 3.74, 0.005), ("gamma", 15.44, 0.005),
        ]
        for (name, expected, halfUnit) in published {
            let got = try #require(value[name], "\(name) missing")
            #expect(abs(got - expected) <= halfUnit, "\(name) = \(got), published \(expected)")
        }
        #expect(customers["bg_nbd"] == 2357)
        #expect(customers["gamma_gamma"] == 946)
    }
}
