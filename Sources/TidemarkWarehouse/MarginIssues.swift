import Foundation

/// One issue of the monthly margin report as the warehouse keeps it.
public struct MarginIssue: Sendable, Equatable {
    public var month: String
    public var currency: String
    /// 1 for the first issue of a month and currency, then 2, 3 …
    public var issue: Int
    public var issuedAt: String
    /// File name → SHA-256 of every file the warehouse held when the issue was made.
    public var files: [String: String]
    /// Figure key (`DE|amazon|net_revenue`) → the figure as printed.
    public var figures: [String: String]

    public init(month: String, currency: String, issue: Int, issuedAt: String, files: [String: String], figures: [String: String]) {
        self.month = month
        self.currency = currency
        self.issue = issue
        self.issuedAt = issuedAt
        self.files = files
        self.figures = figures
    }
}

extension Warehouse {
    /// Every issue of the margin report for a month and currency, oldest first.
    public func marginIssues(month: String, currency: String) throws -> [MarginIssue] {
        let s = try db.prepare("SELECT issue, issued_at, files, figures FROM margin_issues WHERE month = ? AND currency = ? ORDER BY issue")
        try s.bind([.text(month), .text(currency)])
        var out: [MarginIssue] = []
        while try s.step() {
            let files = (try? JSONSerialization.jsonObject(with: Data(s.text(2).utf8))) as? [String: String] ?? [:]
            let figures = (try? JSONSerialization.jsonObject(with: Data(s.text(3).utf8))) as? [String: String] ?? [:]
            out.append(MarginIssue(month: month, currency: currency, issue: Int(s.int64(0)), issuedAt: s.text(1), files: files, figures: figures))
        }
        return out
    }

    /// Records a new issue (its number must be the next one) in its own transaction.
    public func recordMarginIssue(_ issue: MarginIssue) throws {
        func json(_ d: [String: String]) -> String {
            String(decoding: (try? JSONSerialization.data(withJSONObject: d, options: [.sortedKeys])) ?? Data("{}".utf8), as: UTF8.self)
        }
        do {
            try db.execute("BEGIN IMMEDIATE")
        } catch let e as WarehouseError where e.code & 0xFF == 5 {
            throw WarehouseBusy(path: path)
        }
        do {
            try db.prepare("INSERT INTO margin_issues VALUES (?, ?, ?, ?, ?, ?)").run([
                .text(issue.month), .text(issue.currency), .int(Int64(issue.issue)), .text(issue.issuedAt), .text(json(issue.files)),
                .text(json(issue.figures)),
            ])
            try db.execute("COMMIT")
        } catch {
            try? db.execute("ROLLBACK")
            throw error
        }
    }
}
