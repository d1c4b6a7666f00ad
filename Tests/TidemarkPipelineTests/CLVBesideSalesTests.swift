import Foundation
import Testing
import TidemarkCommerce
import TidemarkGenerate
import TidemarkMetrics
import TidemarkNormalize
import TidemarkReports
import TidemarkTestSupport
import TidemarkWarehouse

@testable import TidemarkPipeline

/// CLV folded on a worker from the lines the sales pass hands it gives exactly the tables CLV computes with its own
/// read of the warehouse.
@Suite struct CLVBesideSalesTests {
    @Test func tablesEqualThoseOfCLVsOwnRead() throws {
        let dir = TestPaths.temporaryDirectory()
        try CorpusGenerator(options: CorpusOptions(scale: 0.2, seed: 11)).write(to: dir.path)
        let definition = try PipelineLoader.load(path: dir.appendingPathComponent("pipeline.yaml").path)
        let outcome = PipelineRunner(
            definition: definition,
            environment: RunEnvironment(now: { PipelineRunnerTests.now }, logger: MemoryLog().logger(), toolVersion: "test", customerKeySecret: "k")
        ).run()
        #expect(outcome.exitCode == 0 || outcome.exitCode == 3)

        let warehouse = try Warehouse(path: definition.warehousePath)
        let rates = FXTable(base: definition.fxBase, rates: try warehouse.fxRates())
        let computation = CLVComputation(zone: definition.timeZone, feeEstimates: definition.feeEstimates)
        let own = try computation.compute(warehouse, converter: CurrencyConverter(table: rates, target: definition.currency))

        let beside = try CLVBesideSales(computation, warehouse: warehouse, converter: CurrencyConverter(table: rates, target: definition.currency))
        _ = try SalesComputation(currency: definition.currency, fxBase: definition.fxBase, zone: definition.timeZone, feeEstimates: definition.feeEstimates)
            .compute(warehouse, rates: rates, period: nil, alsoFeeding: beside)
        beside.endOfInput()
        let fed = try beside.tables()

        // The corpus has repeat buyers, so the comparison covers fitted models, cohorts and RFM.
        #expect(own.summaries.count > 100)
        #expect(own.summaries.contains { $0.frequency > 0 })
        let csv = CSVTables(currency: definition.currency)
        #expect(csv.clvCustomers(fed) == csv.clvCustomers(own))
        #expect(csv.clvCohorts(fed.cohorts) == csv.clvCohorts(own.cohorts))
        #expect(csv.clvModel(fed) == csv.clvModel(own))
        #expect(fed.ordersWithoutCustomer == own.ordersWithoutCustomer)
        #expect(fed.calibrationEnd == own.calibrationEnd)

        let stage = beside.stage(rows: fed.summaries.count, overlapping: [])
        #expect(stage.name == "clv" && stage.background == true && stage.rows == own.summaries.count)
    }
}
