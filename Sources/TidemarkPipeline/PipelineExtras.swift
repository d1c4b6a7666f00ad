import TidemarkCommerce
import TidemarkMetrics
import TidemarkReports

extension PipelineRunner {
    /// Writes `period_summary.csv` and `fx_missing.csv` for one window and returns what the HTML
    /// report shows of them.
    func writeExtraTables(insights: Insights, clv: CLVTables, csv: CSVTables, into output: OutputFolder, folder: String) throws -> ReportExtras {
        let extras = ReportExtras(periods: insights.periods, unconverted: insights.sales.unconverted)
        try output.write(folder + "period_summary.csv", csv.periodSummary(extras.periods))
        try output.write(folder + "fx_missing.csv", csv.fxMissing(extras.unconverted))
        return extras
    }
}
