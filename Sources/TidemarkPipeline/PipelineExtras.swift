import TidemarkCommerce
import TidemarkMetrics
import TidemarkReports

extension PipelineRunner {
    /// Writes `period_summary.csv`, `ltv_cac.csv` and `fx_missing.csv` for one window and returns what the HTML
    /// report shows of them.
    func writeExtraTables(insights: Insights, clv: CLVTables, csv: CSVTables, into output: OutputFolder, folder: String) throws -> ReportExtras {
        var predictive: [String: Money] = [:]
        if clv.predictive.unavailable == nil {
            for p in clv.predictive.customers { if let v = p.clv { predictive[p.customerKey] = v } }
        }
        let extras = ReportExtras(
            periods: insights.periods,
            ltvCAC: LTVCAC.table(acquisition: insights.acquisition, cohortOfCustomer: clv.cohortOfCustomer, predictive: predictive, cohorts: clv.cohorts),
            unconverted: insights.sales.unconverted)
        try output.write(folder + "period_summary.csv", csv.periodSummary(extras.periods))
        try output.write(folder + "ltv_cac.csv", csv.ltvCAC(extras.ltvCAC))
        try output.write(folder + "fx_missing.csv", csv.fxMissing(extras.unconverted))
        return extras
    }
}
