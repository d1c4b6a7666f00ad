/// A tiny HTML/SVG tree whose text and attribute values are always escaped when rendered: nothing a data file
/// contains can become markup. Only the report's own style sheet and its own small script go in unescaped, as
/// ``HTMLNode/trustedCSS(_:)`` and ``HTMLNode/trustedScript(_:)``; both are constants of this module, never data.
public indirect enum HTMLNode {
    /// An element with attributes (values escaped) and children.
    case element(String, [(String, String)], [HTMLNode])
    /// Text, escaped.
    case text(String)
    /// The report's style sheet, written as is (a constant, never data).
    case trustedCSS(String)
    /// The report's inline script, written as is (a constant, never data; it must not contain `</`).
    case trustedScript(String)
    /// Children without an element of their own.
    case fragment([HTMLNode])

    /// Renders to a string.
    public func render() -> String {
        var out = ""
        render(into: &out)
        return out
    }

    func render(into out: inout String) {
        switch self {
        case .text(let t): HTMLNode.escape(t, into: &out)
        case .trustedCSS(let css): out += css
        case .trustedScript(let js):
            precondition(!js.contains("</"), "an inline script must not contain </")
            out += js
        case .fragment(let children): for c in children { c.render(into: &out) }
        case .element(let tag, let attributes, let children):
            // Appended piece by piece: concatenating the pieces first made a temporary string of each.
            out += "<"
            out += tag
            for (name, value) in attributes {
                out += " "
                out += name
                out += "=\""
                HTMLNode.escape(value, into: &out)
                out += "\""
            }
            out += ">"
            if HTMLNode.isVoidElement(tag) { return }
            for c in children { c.render(into: &out) }
            out += "</"
            out += tag
            out += ">"
        }
    }

    /// Whether `tag` is a void element (`meta`, `br`, `hr`, `img`, `input`, `link`: no children, no end tag); a
    /// switch (a few comparisons of short strings), not a set hashing the tag of every element.
    static func isVoidElement(_ tag: String) -> Bool {
        switch tag {
        case "meta", "br", "hr", "img", "input", "link": return true
        default: return false
        }
    }

    /// Appends `s` escaped as ``escape(_:)`` escapes it: as it is when it has nothing to escape (most texts), without
    /// making a new string.
    static func escape(_ s: String, into out: inout String) {
        let special = s.utf8.contains { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") }
        if special { out += escape(s) } else { out += s }
    }

    /// Escapes `& < > " '` for text and attribute values.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}

/// Shorthand constructors.
func el(_ tag: String, _ attributes: [(String, String)] = [], _ children: [HTMLNode] = []) -> HTMLNode {
    .element(tag, attributes, children)
}
func el(_ tag: String, _ attributes: [(String, String)] = [], text: String) -> HTMLNode { .element(tag, attributes, [.text(text)]) }
func cls(_ c: String) -> [(String, String)] { [("class", c)] }
