import Testing
import Foundation
import TidemarkTestSupport

@testable import TidemarkReports

@Suite("HTMLNode")
struct HTMLNodeTests {
    @Test(arguments: [
        ("&", "&amp;"),
        ("<", "&lt;"),
        (">", "&gt;"),
        ("\"", "&quot;"),
        ("'", "&#39;"),
        ("plain text 123", "plain text 123"),
        ("", ""),
        ("&amp;", "&amp;amp;"),  // escaped once more, never trusted
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("\"><img src=x onerror=alert(1)>", "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"),
        ("Müller — 美国 €", "Müller — 美国 €"),  // non-ASCII untouched
    ])
    func escapeReplacesTheFiveSpecialCharacters(raw: String, escaped: String) {
        #expect(HTMLNode.escape(raw) == escaped)
    }

    @Test func textAndAttributeValuesAreEscapedWhenRendered() {
        let node = HTMLNode.element(
            "td", [("class", "num"), ("title", "a\"b<c>&'")], [.text("<b>bold</b>"), .element("br", [], [.text("ignored")])])
        #expect(node.render() == "<td class=\"num\" title=\"a&quot;b&lt;c&gt;&amp;&#39;\">&lt;b&gt;bold&lt;/b&gt;<br></td>")
    }

    @Test func onlyTheStyleSheetGoesInUnescaped() {
        let node = HTMLNode.fragment([.trustedCSS("a > b { content: \"x\"; }"), .text("a > b")])
        #expect(node.render() == "a > b { content: \"x\"; }a &gt; b")
    }
}

/// The fast paths of the HTML report's text helpers give what the plain versions give.
@Suite struct HTMLFastPathTests {
    @Test func escapingIntoAStringAppendsTheEscapedText() {
        for s in ["", "plain", "a < b & c > d", "\"quoted\" 'single'", "Möwe — 12\" × 18\"", "<script>"] {
            var out = "x"
            HTMLNode.escape(s, into: &out)
            #expect(out == "x" + HTMLNode.escape(s))
        }
    }

    @Test func groupingPlainDecimalsAgreesWithGroupingByCharacters() {
        var samples = ["0", "-0.50", "1", "12", "123", "1234", "-1234567.89", "100000", "999999.9", "12.3456"]
        var rng = SeededRandom(seed: 3)
        for _ in 0..<500 {
            let whole = String(Int64.random(in: 0...9_999_999_999, using: &rng))
            let fraction = Bool.random(using: &rng) ? "." + String(Int.random(in: 0...99, using: &rng)) : ""
            samples.append((Bool.random(using: &rng) ? "-" : "") + whole + fraction)
        }
        for s in samples { #expect(HTMLReport.groupedPlainDecimal(s) == HTMLReport.groupedByCharacters(s)) }
        // Anything else is left to the character version.
        for s in ["", "-", "1.", ".5", "+1", "1,000", "—", "１２３"] { #expect(HTMLReport.groupedPlainDecimal(s) == nil) }
        #expect(HTMLReport.grouped("-1234567.5") == "−1,234,567.5")
    }

    @Test func replacingAnASCIIByteAgreesWithFoundation() {
        for s in ["", "a", "market=DE;platform=amazon;sku=A", ";;", "-12.5", "sku=Mö;we", "x;\u{301}y", "é;"] {
            for (target, replacement) in [(";", "; "), ("-", "−")] {
                #expect(HTMLReport.replacing(s, UInt8(ascii: Unicode.Scalar(target)!), with: replacement) == s.replacingOccurrences(of: target, with: replacement))
            }
        }
    }
}
