import TidemarkCommerce

/// One cell of a report table: the text shown, whether it is a figure (right-aligned, tabular digits), and the key
/// the table sorts by when the shown text is not it (`1,234.50` sorts as `1234.50`, `—` as empty, which sorts last).
struct Cell {
    var text: String
    var number: Bool = false
    var sort: String? = nil
    var attributes: [(String, String)] = []
    var children: [HTMLNode]? = nil

    /// Text (a month, a market, a name): sorts as shown.
    static func text(_ s: String) -> Cell { Cell(text: s) }

    /// A whole number shown grouped (`1,234`); unknown is `—` and sorts last.
    static func count(_ v: Int?) -> Cell {
        Cell(text: v.map { HTMLReport.grouped(String($0)) } ?? "—", number: true, sort: v.map(String.init) ?? "")
    }

    /// An amount in the reporting currency, grouped and with a typographic minus; sorts by the plain decimal.
    static func money(_ v: Money?, _ c: Currency, suffix: String = "") -> Cell {
        Cell(text: HTMLReport.money(v, c) + (v == nil ? "" : suffix), number: true, sort: v.map { $0.formatted(minorUnits: c.minorUnits) } ?? "")
    }

    /// A fraction shown as a percentage with one decimal; sorts by the fraction.
    static func percent(_ r: Ratio?, suffix: String = "") -> Cell {
        Cell(text: HTMLReport.percent(r) + (r == nil ? "" : suffix), number: true, sort: r.map { $0.formatted(decimals: 6) } ?? "")
    }

    /// A ratio shown with two decimals (ROAS); sorts by it.
    static func ratio(_ r: Ratio?) -> Cell {
        Cell(text: HTMLReport.ratioText(r), number: true, sort: r.map { $0.formatted(decimals: 6) } ?? "")
    }

    var node: HTMLNode {
        var attrs = attributes
        if number, !attrs.contains(where: { $0.0 == "class" }) { attrs.insert(("class", "num"), at: 0) }
        if let sort, sort != text { attrs.append(("data-sort", sort)) }
        return el("td", attrs, children ?? [.text(text)])
    }
}

extension HTMLReport {
    /// A table whose columns a reader can sort by clicking their headers (the optional inline script,
    /// ``sortScript``); with the script off it is a plain, complete table in its default order. Figure columns are
    /// right-aligned, header included.
    ///
    /// The table sits in a wrapper that scrolls sideways on a narrow screen instead of overflowing the page; a
    /// `narrow` table (two or three columns) is only as wide as its content; a table of more than 12 columns is
    /// `wide` (smaller print type, so that it fits an A4 page).
    static func table(_ head: [String], _ rows: [[Cell]], narrow: Bool = false, rowClass: (Int) -> String? = { _ in nil }) -> HTMLNode {
        let numeric = head.indices.map { i in !rows.isEmpty && rows.allSatisfy { i < $0.count && $0[i].number } }
        return el("div", cls("table-wrap"), [
            el("table", cls(narrow ? "sortable narrow" : head.count > 12 ? "sortable wide" : "sortable"), [
                el("thead", [], [el("tr", [], head.enumerated().map { i, h in el("th", numeric[i] ? cls("num") : [], text: h) })]),
                el("tbody", [], rows.enumerated().map { i, r in el("tr", rowClass(i).map(cls) ?? [], r.map(\.node)) }),
            ])
        ])
    }
}

extension HTMLReport {
    /// The report's only script, optional and inline (no network): a click (or Enter) on the header of a
    /// `table.sortable` sorts its rows by that column, again for the reverse order. The key of a cell is its
    /// `data-sort` attribute if it has one, else its text; a column whose keys are all numbers sorts numerically;
    /// empty keys (unknown figures) stay last in both directions; equal keys keep their order. It reads no data
    /// into markup (rows are moved, never rebuilt) and touches nothing outside the tables. With scripts off, every
    /// table is complete in its default order.
    static let sortScript = """
        (function () {
          "use strict";
          function key(cell) {
            if (!cell) return "";
            var k = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent;
            return k.trim();
          }
          function sortBy(table, th, column) {
            var body = table.tBodies[0];
            if (!body) return;
            var rows = Array.prototype.slice.call(body.rows);
            var ascending = th.getAttribute("aria-sort") !== "ascending";
            var keys = rows.map(function (row) { return key(row.cells[column]); });
            var numeric = keys.every(function (k) { return k === "" || isFinite(Number(k)); });
            var order = rows.map(function (row, i) { return i; });
            order.sort(function (a, b) {
              var x = keys[a], y = keys[b];
              if (x === "" || y === "") return x === y ? a - b : (x === "" ? 1 : -1);
              var c = numeric ? Number(x) - Number(y) : x.localeCompare(y);
              if (c === 0) return a - b;
              return ascending ? c : -c;
            });
            order.forEach(function (i) { body.appendChild(rows[i]); });
            Array.prototype.forEach.call(th.parentNode.cells, function (h) { h.removeAttribute("aria-sort"); });
            th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
          }
          Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
            var head = table.tHead && table.tHead.rows[0];
            if (!head) return;
            table.classList.add("js-sortable");
            Array.prototype.forEach.call(head.cells, function (th, column) {
              th.tabIndex = 0;
              th.title = "Sort by this column";
              th.addEventListener("click", function () { sortBy(table, th, column); });
              th.addEventListener("keydown", function (e) {
                if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sortBy(table, th, column); }
              });
            });
          });
        })();
        """
}
