import Testing
import TidemarkCommerce

@testable import TidemarkReports

/// Sortable report tables: what a cell shows and the key it sorts by, and the one inline script.
@Suite("HTMLTables")
struct HTMLTablesTests {
    @Test func moneyShowsGroupedAndSortsByThePlainDecimal() {
        #expect(Cell.money(cents(1_234_50), .EUR).node.render() == "<td class=\"num\" data-sort=\"1234.50\">1,234.50</td>")
        // A typographic minus is shown; the key keeps the ASCII one, so the script reads it as a number.
        #expect(Cell.money(cents(-38_97), .EUR).node.render() == "<td class=\"num\" data-sort=\"-38.97\">−38.97</td>")
        // When the text is the key, no attribute.
        #expect(Cell.money(cents(990_79), .EUR).node.render() == "<td class=\"num\">990.79</td>")
        // Unknown: shown as —, empty key (sorted last).
        #expect(Cell.money(nil, .EUR).node.render() == "<td class=\"num\" data-sort=\"\">—</td>")
        // An estimate mark stays out of the key.
        #expect(Cell.money(cents(1_98), .EUR, suffix: "*").node.render() == "<td class=\"num\" data-sort=\"1.98\">1.98*</td>")
    }

    @Test func percentagesSortByTheFraction() {
        // 676.52 / 990.79 = 0.682809… → shown 68.3 %, key 0.682809.
        let r = Ratio(cents(676_52), over: cents(990_79))
        #expect(Cell.percent(r).node.render() == "<td class=\"num\" data-sort=\"0.682809\">68.3 %</td>")
        #expect(Cell.percent(Ratio(1, over: 10), suffix: " (so far)").node.render() == "<td class=\"num\" data-sort=\"0.100000\">10.0 % (so far)</td>")
        #expect(Cell.count(12_345).node.render() == "<td class=\"num\" data-sort=\"12345\">12,345</td>")
        #expect(Cell.count(nil).node.render() == "<td class=\"num\" data-sort=\"\">—</td>")
        #expect(Cell.text("<b>").node.render() == "<td>&lt;b&gt;</td>")
    }

    @Test func sortKeysAreEscapedLikeAnyAttribute() {
        let cell = Cell(text: "x", sort: "\"><img src=x onerror=alert(1)>")
        #expect(cell.node.render() == "<td data-sort=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\">x</td>")
    }

    @Test func aTableIsSortableAndRightAlignsFigureHeaders() {
        let html = HTMLReport.table(["SKU", "Units"], [[.text("A"), .count(3)], [.text("B"), .count(nil)]]).render()
        #expect(html == """
            <div class="table-wrap"><table class="sortable"><thead><tr><th>SKU</th><th class="num">Units</th></tr></thead>\
            <tbody><tr><td>A</td><td class="num">3</td></tr><tr><td>B</td><td class="num" data-sort="">—</td></tr></tbody></table></div>
            """)
        let wide = HTMLReport.table((1...13).map { "c\($0)" }, []).render()
        #expect(wide.contains("<table class=\"sortable wide\">"))
        #expect(HTMLReport.table(["a", "b"], [], narrow: true).render().contains("<table class=\"sortable narrow\">"))
    }

    @Test func theScriptIsInlineOptionalAndCannotCloseItsElement() {
        let s = HTMLReport.sortScript
        #expect(!s.contains("</"))
        #expect(!s.contains("<"))  // no markup at all
        for needle in ["http", "fetch", "XMLHttpRequest", "innerHTML", "eval", "import", "src"] {
            #expect(!s.contains(needle), "\(needle)")
        }
        // It only sorts tables marked sortable, by data-sort or the text, empty keys last.
        #expect(s.contains("table.sortable"))
        #expect(s.contains("data-sort"))
        #expect(s.contains("if (x === \"\" || y === \"\") return x === y ? a - b : (x === \"\" ? 1 : -1);"))
        #expect(HTMLNode.trustedScript(s).render() == s)
    }
}
