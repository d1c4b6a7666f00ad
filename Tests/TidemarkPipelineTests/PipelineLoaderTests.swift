import Foundation
import Testing
import TidemarkCommerce
import TidemarkTestSupport

@testable import TidemarkPipeline

/// Pipeline files parse into validated definitions; every mistake is reported with file and key path.
@Suite struct PipelineLoaderTests {
    let base = URL(fileURLWithPath: "/srv/tidemark/pipelines")

    func parse(_ yaml: String) throws -> PipelineDefinition {
        try PipelineLoader.parse(yaml: yaml, file: "pipelines/test.yaml", baseDirectory: base, sha256: "x")
    }

    func error(_ yaml: String) -> String {
        do {
            _ = try parse(yaml)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func readsTheDemoPipeline() throws {
        let d = try PipelineLoader.load(path: TestPaths.packageRoot.appendingPathComponent("pipelines/demo.yaml").path)
        #expect(d.name == "demo")
        #expect(d.currency == .EUR)
        #expect(d.timeZone.identifier == "UTC")
        #expect(d.inputs.count == 16)
        #expect(d.inputs[2].pattern == TestPaths.packageRoot.appendingPathComponent("fixtures/amazon/*.txt").path)
        #expect(d.inputs[2].options.formatID == "amazon_all_orders")
        #expect(d.feeEstimates[.ebay]?.formatted(decimals: 2) == "0.13")
        #expect(d.warehousePath == TestPaths.packageRoot.appendingPathComponent("reports/demo/warehouse.sqlite").path)
        #expect(d.sourceSHA256.count == 64)
    }

    @Test func resolvesPathsAgainstThePipelineFileAndAppliesDefaults() throws {
        let d = try parse("name: nightly\ninputs:\n  - path: ../drop/*.csv\n  - path: /abs/rates.csv\n")
        #expect(d.inputs.map(\.pattern) == ["/srv/tidemark/drop/*.csv", "/abs/rates.csv"])
        #expect(d.warehousePath == "/srv/tidemark/reports/nightly/warehouse.sqlite")
        #expect(d.outputPath == "/srv/tidemark/reports/nightly")
        #expect(d.datedReports)
        #expect(d.keepReports == nil)
        #expect(d.windows.isEmpty)
        #expect(d.customerKeyFile == "/srv/tidemark/reports/nightly/customer-key.secret")
        #expect(d.currency == .EUR)
        #expect(d.failOn == .critical)
        #expect(d.excelCSV == false)
    }

    @Test func readsEveryInputOption() throws {
        let d = try parse(
            """
            name: x
            reporting: { currency: usd, time_zone: Europe/Berlin, fx_base: EUR }
            fail_on: warning
            csv: { excel: true }
            inputs:
              - path: a.csv
                format: unit_costs
                encoding: GBK
                fallback_encoding: cp1252
                decimal: comma
                time_zone: America/Los_Angeles
                default_market: Deutschland
            """)
        #expect(d.currency == .USD)
        #expect(d.timeZone.identifier == "Europe/Berlin")
        #expect(d.failOn == .warning)
        #expect(d.excelCSV)
        let i = d.inputs[0]
        #expect(i.options.formatID == "unit_costs")
        #expect(i.options.encoding == .gb18030)
        #expect(i.options.fallbackEncoding == .windows1252)
        #expect(i.options.decimalSeparator == .comma)
        #expect(i.sourceZone.identifier == "America/Los_Angeles")
        #expect(i.defaultMarket == Market(code: "DE"))
    }

    @Test func readsFeeEstimatesAsExactFractions() throws {
        let d = try parse("name: x\nfee_estimates:\n  ebay: 0.13\n  shopify: 0.029\ninputs: []\n")
        #expect(d.feeEstimates[.ebay]?.formatted(decimals: 4) == "0.1300")
        #expect(d.feeEstimates[.shopify]?.formatted(decimals: 4) == "0.0290")
        #expect(error("name: x\nfee_estimates:\n  ebay: 13%\ninputs: []\n").contains("fee_estimates.ebay: \"13%\" is not a fraction between 0 and 1"))
    }

    @Test(arguments: [
        ("name: x\ninputs: []\nwindow: 90\n", "pipelines/test.yaml: window: is not a known key"),
        ("name: x\ninputs:\n  - path: a\n    encodin: UTF-8\n", "pipelines/test.yaml: inputs[0].encodin: is not a known key"),
        ("name: x\ninputs:\n  - path: a\n  - path: b\n    encoding: latin9\n", "pipelines/test.yaml: inputs[1].encoding: \"latin9\" is not a supported encoding"),
        ("name: x\ninputs:\n  - path: a\n    format: amazon_orders\n", "pipelines/test.yaml: inputs[0].format: \"amazon_orders\" is not a known format"),
        ("name: x\nreporting:\n  currency: EURO\ninputs: []\n", "pipelines/test.yaml: reporting.currency: \"EURO\" is not an ISO 4217 currency code"),
        ("name: x\nreporting:\n  time_zone: Mars/Olympus\ninputs: []\n", "pipelines/test.yaml: reporting.time_zone: \"Mars/Olympus\" is not an IANA time zone"),
        ("name: x\nfail_on: sometimes\ninputs: []\n", "pipelines/test.yaml: fail_on: \"sometimes\" is not one of critical, warning, never"),
        ("name: x\ninputs:\n  - format: unit_costs\n", "pipelines/test.yaml: inputs[0].path: is required"),
        ("inputs: []\n", "pipelines/test.yaml: name: is required"),
        ("name: x\n", "pipelines/test.yaml: inputs: is required"),
        ("name: x\ninputs: a.csv\n", "pipelines/test.yaml: inputs: must be a list"),
        ("- just\n- a list\n", "pipelines/test.yaml: must be a mapping of keys to values"),
        ("name: [unclosed\n", "pipelines/test.yaml: is not valid YAML"),
        ("name: x\ninputs:\n  - path: a\n    default_market: Atlantis\n", "pipelines/test.yaml: inputs[0].default_market: \"Atlantis\" is not a known market"),
        ("name: x\ncsv: { excel: maybe }\ninputs: []\n", "pipelines/test.yaml: csv.excel: \"maybe\" is not true or false"),
    ])
    func reportsMistakesWithFileAndKeyPath(_ yaml: String, _ expected: String) {
        let message = error(yaml)
        #expect(message.hasPrefix(expected), "got: \(message)")
    }
}
