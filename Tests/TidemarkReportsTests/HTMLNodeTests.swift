import Testing

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
