import Foundation
import Testing
import TidemarkTestSupport

/// The demo store carries markup and spreadsheet formulas in SKUs, product names and campaign names
/// (fixtures/README.md, "Hostile values"). On the real demo run: report.html holds only the tags the report emits,
/// every attribute is well formed and the hostile text shows up escaped; in every CSV a text cell that begins with
/// `= + - @ TAB CR` is neutralised with `'`, while negative amounts and ratios stay plain numbers.
@Suite(.serialized) struct HostileValuesTests {
    /// The tags report.html is made of (HTML and inline SVG). Anything else starting with `<` is a failure.
    static let reportTags: Set<String> = [
        "html", "head", "meta", "title", "style", "body", "main", "header", "section", "h1", "h2", "h3", "p", "div",
        "span", "table", "thead", "tbody", "tr", "th", "td", "dl", "dt", "dd", "svg", "line", "text", "rect", "polyline",
        "circle", "script",
    ]

    /// One tag of the page as written.
    struct Tag {
        var name: String
        var closing: Bool
        var attributes: [(name: String, value: String)]
    }

    /// Reads every tag of `html` strictly: a `<` must start a tag named by letters and digits, attribute values
    /// are `name="value"` with no raw `"`, `<` or `>` inside, and text between tags holds no raw `<`, `>` or `"`
    /// (the report escapes all three). The content of `<style>` and `<script>` is the report's own and is skipped
    /// (the test checks it separately).
    static func tags(_ html: String) throws -> [Tag] {
        struct Malformed: Error, CustomStringConvertible {
            var description: String
        }
        let s = Array(html.unicodeScalars)
        var i = 0
        var out: [Tag] = []
        func context() -> String { String(String.UnicodeScalarView(s[max(0, i - 60)..<min(s.count, i + 60)])) }
        func isNameChar(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) || ("a"..."z").contains(c) || ("A"..."Z").contains(c) || c == "-" }
        while i < s.count {
            let c = s[i]
            if c == ">" || c == "\"" { throw Malformed(description: "raw \(c) in text at \(i): …\(context())…") }
            guard c == "<" else {
                i += 1
                continue
            }
            if s[(i + 1)...].starts(with: "!doctype html>".unicodeScalars) {
                i += 15
                continue
            }
            var tag = Tag(name: "", closing: false, attributes: [])
            i += 1
            if i < s.count, s[i] == "/" {
                tag.closing = true
                i += 1
            }
            while i < s.count, isNameChar(s[i]) {
                tag.name.unicodeScalars.append(s[i])
                i += 1
            }
            if tag.name.isEmpty { throw Malformed(description: "raw < in text at \(i): …\(context())…") }
            while true {
                while i < s.count, s[i] == " " { i += 1 }
                guard i < s.count else { throw Malformed(description: "unterminated tag \(tag.name)") }
                if s[i] == ">" {
                    i += 1
                    break
                }
                var name = ""
                while i < s.count, isNameChar(s[i]) {
                    name.unicodeScalars.append(s[i])
                    i += 1
                }
                guard !name.isEmpty, i + 1 < s.count, s[i] == "=", s[i + 1] == "\"" else {
                    throw Malformed(description: "malformed attribute in <\(tag.name)> at \(i): …\(context())…")
                }
                i += 2
                var value = ""
                while i < s.count, s[i] != "\"" {
                    if s[i] == "<" || s[i] == ">" { throw Malformed(description: "raw \(s[i]) in attribute \(name) at \(i): …\(context())…") }
                    value.unicodeScalars.append(s[i])
                    i += 1
                }
                i += 1
                tag.attributes.append((name, value))
            }
            out.append(tag)
            if tag.name == "style" || tag.name == "script", !tag.closing {
                // The report's own style sheet or script: skip to its end tag.
                let end = "</\(tag.name)>".unicodeScalars
                while i < s.count, !s[i...].starts(with: end) { i += 1 }
            }
        }
        return out
    }

    @Test func theDemoRunSucceeds() {
        // Exit 3: success with critical flags (the demo store has real anomalies).
        #expect([0, 3].contains(DemoOutput.run.exitCode), "stderr: \(DemoOutput.run.stderr)")
    }

    @Test func reportHoldsOnlyTheReportsOwnTagsAndWellFormedAttributes() throws {
        let html = try DemoOutput.text("report.html")
        let tags = try Self.tags(html)
        #expect(tags.count > 1000)
        for tag in tags {
            #expect(Self.reportTags.contains(tag.name), "unexpected tag <\(tag.name)>")
            for a in tag.attributes {
                #expect(!a.name.lowercased().hasPrefix("on"), "event handler attribute \(a.name) on <\(tag.name)>")
                #expect(!a.value.lowercased().contains("javascript:"), "\(a.name)=\"\(a.value)\"")
            }
        }
        // One script: the report's own, without attributes (no src), at the end of the body, free of data.
        let scripts = tags.filter { $0.name == "script" && !$0.closing }
        #expect(scripts.count == 1 && scripts.allSatisfy { $0.attributes.isEmpty })
        let script = try #require(html.components(separatedBy: "<script>").last?.components(separatedBy: "</script>").first)
        #expect(html.hasSuffix("</script></body></html>\n"))
        #expect(script.contains("table.sortable"))
        for needle in ["alert", "HYPERLINK", "onerror", "http", "<"] { #expect(!script.contains(needle), "\(needle) in the script") }
        // The hostile strings are nowhere raw.
        #expect(!html.contains("alert(1)</script>"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("onerror=alert(1)>"))
    }

    @Test func hostileTextShowsUpEscaped() throws {
        let html = try DemoOutput.text("report.html")
        // SKUs of the Shopify store (the top-SKU table lists every SKU: there are 16).
        for escaped in [
            "&lt;script&gt;alert(1)&lt;/script&gt;", "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;",
            "=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)", ">-2+3<",
        ] {
            #expect(html.contains(escaped), "\(escaped) missing from report.html")
        }
        // Campaign names in the campaigns table.
        for escaped in ["FR | Retargeting | &lt;script&gt;alert(1)&lt;/script&gt;", "&quot;&gt;&lt;img src=x onerror=alert(1)&gt; DE | Retargeting"] {
            #expect(html.contains(escaped), "\(escaped) missing from report.html")
        }
    }

    /// A number as the CSV tables write them: `-12.50`, `0.1500`, `42`.
    static func isNumber(_ s: String) -> Bool {
        let body = s.hasPrefix("-") ? s.dropFirst() : Substring(s)
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { ("0"..."9").contains($0) } }
    }

    @Test func everyCSVNeutralisesFormulaTextAndKeepsNegativeNumbersNumeric() throws {
        let names = try DemoOutput.csvNames()
        #expect(Set(DemoOutput.outputTables).isSubset(of: names), "the demo run writes every table of outputs.md")
        var negativeNumbers = 0
        for name in names {
            let records = parseCSV(try DemoOutput.text(name))
            #expect(!records.isEmpty, "\(name) is empty")
            for (line, record) in records.enumerated() {
                for cell in record {
                    guard let first = cell.unicodeScalars.first else { continue }
                    if ["=", "+", "-", "@", "\t", "\r"].contains(first) {
                        #expect(Self.isNumber(cell), "\(name):\(line + 1): \(cell.debugDescription) would run as a formula")
                        negativeNumbers += 1
                    }
                }
            }
        }
        #expect(negativeNumbers > 100)  // discounts, refunds, negative ROI … are written as plain numbers
    }

    @Test func hostileSKUsAndCampaignsAreWrittenAsNeutralisedText() throws {
        func column(_ file: String, _ name: String) throws -> [String] {
            let records = parseCSV(try DemoOutput.text(file))
            let index = try #require(records.first?.firstIndex(of: name), "\(file) has no column \(name)")
            return records.dropFirst().map { $0[index] }
        }
        let skus = Set(try column("sales_margin.csv", "sku"))
        for sku in ["'-2+3", "'=HYPERLINK(\"http://x\",\"y\")", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>"] {
            #expect(skus.contains(sku), "sales_margin.csv has no SKU \(sku)")
        }
        let campaigns = Set(try column("campaigns.csv", "campaign"))
        for campaign in [
            "'+1 US | SP | Auto | Bestsellers", "'@SUM(A1) US | SP | Manual | Lamps & Rugs", "'-2+3 DE | SP | Manuell | Lampen",
            "'=HYPERLINK(\"http://x\",\"y\")", "FR | Retargeting | <script>alert(1)</script>",
        ] {
            #expect(campaigns.contains(campaign), "campaigns.csv has no campaign \(campaign)")
        }
        // The raw line keeps a negative amount unquoted and unprefixed: 2026-09 DE amazon, discounts −38.97
        // (DemoRunTests, worked example 1).
        let summary = try DemoOutput.text("sales_margin_summary.csv")
        #expect(summary.contains("\n2026-09,DE,amazon,EUR,21,40,1209.38,-38.97,-179.62,990.79,"))
        // A negative ROI stays a number too.
        #expect(try column("campaigns.csv", "roi").contains { $0.hasPrefix("-0.") && Self.isNumber($0) })
    }
}
