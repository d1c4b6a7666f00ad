import Foundation
import TidemarkCommerce
import TidemarkIngest
import TidemarkMetrics
import TidemarkReports
import TidemarkWarehouse

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

extension PipelineRunner {
    /// The data-quality flags of inputs declared `expect: daily` (see ``SourceSchedule``): `source_missing_day` and
    /// `data_ends_early`. Only such inputs are checked, so sources delivered by the month raise neither.
    func sourceFlags(_ warehouse: Warehouse, files: [FileReconciliation], runDate: CivilDate) throws -> [Flag] {
        let daily = definition.inputs.filter(\.expectDaily)
        guard !daily.isEmpty else { return [] }
        let byName = Dictionary(files.map { ($0.file, $0) }, uniquingKeysWith: { a, _ in a })
        var sources: [(name: String, shas: Set<String>, dates: Set<CivilDate>, dated: Bool)] = []
        for input in daily {
            var shas: Set<String> = [], dates: Set<CivilDate> = []
            // Rate tables and unit costs carry no fact dates per file: only their delivery is checked.
            var dated = false
            for path in InputExpansion.expand([input.pattern]) {
                if let f = byName[InputReader.displayName(path)], !f.sha256.isEmpty {
                    shas.insert(f.sha256)
                    if let kind = FormatRegistry.format(id: f.format)?.kind, kind != .fxRates, kind != .unitCosts { dated = true }
                }
                let mtime = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date)
                    .map { definition.timeZone.date(of: Timestamp(secondsSinceEpoch: Int64($0.timeIntervalSince1970))) }
                if let d = SourceSchedule.fileDate(name: URL(fileURLWithPath: path).lastPathComponent, modified: mtime) { dates.insert(d) }
            }
            sources.append((InputReader.displayName(input.pattern), shas, dates, dated))
        }
        // The last fact date of each file of those sources, when it falls in the look-back period.
        let since = runDate.advanced(by: -SourceSchedule.lookBackDays)
        let latest = try warehouse.latestFacts()
        var last: [String: CivilDate] = [:]
        for s in sources {
            for sha in s.shas {
                let date = [latest.orderTimes[sha].map { definition.timeZone.date(of: $0) }, latest.dates[sha]].compactMap { $0 }.max()
                if let date, date >= since { last[sha] = date }
            }
        }
        return sources.flatMap { s in
            SourceSchedule.flags(
                source: s.name, fileDates: s.dates, lastFactDate: s.shas.compactMap { last[$0] }.max(), runDate: runDate, checkFacts: s.dated)
        }
    }
}

/// The delivery schedule of an input declared `expect: daily` in the pipeline file: one file per day.
///
/// A file's date is the first date written in its name (`orders-2026-09-15.csv`, `report_20260915.txt`), else the
/// date its modification time has in the reporting time zone. The checked period is the 28 days before the run
/// date (the run date itself is not expected yet), starting no earlier than the source's first file.
public enum SourceSchedule {
    /// How many days before the run date are checked.
    public static let lookBackDays = 28

    /// The date of a file: the first `YYYY-MM-DD`, `YYYY_MM_DD` or `YYYYMMDD` in its name that is a valid date
    /// (digits not part of a longer number), else `modified`.
    public static func fileDate(name: String, modified: CivilDate?) -> CivilDate? {
        let chars = Array(name.utf8)
        func digits(_ i: Int, _ n: Int) -> Int? {
            guard i >= 0, i + n <= chars.count else { return nil }
            var v = 0
            for c in chars[i..<(i + n)] {
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        func isDigit(_ i: Int) -> Bool { i >= 0 && i < chars.count && chars[i] >= 48 && chars[i] <= 57 }
        for i in 0..<chars.count where !isDigit(i - 1) {
            guard let y = digits(i, 4), y >= 1900 else { continue }
            var candidates: [(Int?, Int?, Int)] = []
            if i + 4 < chars.count, chars[i + 4] == UInt8(ascii: "-") || chars[i + 4] == UInt8(ascii: "_"), i + 7 < chars.count, chars[i + 7] == chars[i + 4] {
                candidates.append((digits(i + 5, 2), digits(i + 8, 2), i + 10))
            }
            candidates.append((digits(i + 4, 2), digits(i + 6, 2), i + 8))
            for (m, d, end) in candidates {
                if let m, let d, !isDigit(end), let date = CivilDate(year: y, month: m, day: d) { return date }
            }
        }
        return modified
    }

    /// `source_missing_day` for each run of days in the checked period without a file, and `data_ends_early` when a
    /// file dated after the source's last fact arrived in the period, so that its data ends before the period's last
    /// day (`lastFactDate` `nil`: no fact in the period).
    /// `checkFacts` false (reference data such as rate tables) checks only the delivery.
    public static func flags(source: String, fileDates: Set<CivilDate>, lastFactDate: CivilDate?, runDate: CivilDate, checkFacts: Bool = true) -> [Flag] {
        let end = runDate.advanced(by: -1)
        let start = max(runDate.advanced(by: -lookBackDays), fileDates.min() ?? runDate.advanced(by: -lookBackDays))
        guard start <= end else { return [] }
        var flags = DataQualityFlags.missingSourceDays(expected: [source], delivered: [source: fileDates], period: start...end)
        // Only when a file dated after the last fact arrived: the files keep coming but their data stops (a day
        // without any file is already source_missing_day).
        let lastFile = fileDates.filter { (start...end).contains($0) }.max()
        if checkFacts, let lastFile, lastFactDate.map({ $0 < lastFile }) ?? true,
            let f = DataQualityFlags.dataEndsEarly(source: source, lastFactDate: lastFactDate, period: start...end)
        {
            flags.append(f)
        }
        return flags.sorted()
    }
}
