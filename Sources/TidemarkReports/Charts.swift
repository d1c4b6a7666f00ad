import TidemarkCommerce

/// Inline SVG charts drawn from numbers computed in Swift. Values are plain `Double`s for drawing only; the
/// figures printed beside them come from the exact amounts.
enum Charts {
    static let palette = ["#1f6f8b", "#e07a5f", "#3d9970", "#8e6bbf", "#d4a017", "#5c7080", "#c0392b", "#2e86de", "#16a085", "#7f8c8d"]

    /// A grouped bar chart: one group per category (e.g. month), one bar per series (e.g. market), with a y axis,
    /// gridlines, value labels on hover (title) and a legend.
    static func groupedBars(title: String, categories: [String], series: [(name: String, values: [Double])], unit: String) -> HTMLNode {
        let width = 720.0, height = 300.0
        let left = 70.0, right = 20.0, top = 20.0, bottom = 60.0
        let plotW = width - left - right, plotH = height - top - bottom
        let maxValue = max(series.flatMap(\.values).max() ?? 0, 1)
        let step = niceStep(maxValue / 4)
        let axisMax = (maxValue / step).rounded(.up) * step
        var nodes: [HTMLNode] = []
        var tick = 0.0
        while tick <= axisMax + step / 2 {
            let y = top + plotH - tick / axisMax * plotH
            nodes.append(el("line", [("x1", f(left)), ("x2", f(width - right)), ("y1", f(y)), ("y2", f(y)), ("class", "grid")]))
            nodes.append(el("text", [("x", f(left - 6)), ("y", f(y + 4)), ("text-anchor", "end"), ("class", "axis")], text: shortNumber(tick)))
            tick += step
        }
        let groupW = plotW / Double(max(categories.count, 1))
        let barW = min(28, groupW * 0.8 / Double(max(series.count, 1)))
        for (ci, category) in categories.enumerated() {
            let groupX = left + groupW * Double(ci) + (groupW - barW * Double(series.count)) / 2
            for (si, s) in series.enumerated() {
                let v = ci < s.values.count ? s.values[ci] : 0
                let h = max(0, v / axisMax * plotH)
                nodes.append(
                    el("rect", [
                        ("x", f(groupX + barW * Double(si))), ("y", f(top + plotH - h)), ("width", f(barW - 2)), ("height", f(h)),
                        ("fill", palette[si % palette.count]),
                    ], [el("title", text: "\(s.name) \(category): \(shortNumber(v)) \(unit)")]))
            }
            nodes.append(el("text", [("x", f(left + groupW * (Double(ci) + 0.5))), ("y", f(top + plotH + 18)), ("text-anchor", "middle"), ("class", "axis")], text: category))
        }
        nodes.append(el("line", [("x1", f(left)), ("x2", f(width - right)), ("y1", f(top + plotH)), ("y2", f(top + plotH)), ("class", "baseline")]))
        nodes.append(el("text", [("x", "12"), ("y", f(top + plotH / 2)), ("transform", "rotate(-90 12 \(f(top + plotH / 2)))"), ("text-anchor", "middle"), ("class", "axis")], text: unit))
        var lx = left
        for (si, s) in series.enumerated() {
            nodes.append(el("rect", [("x", f(lx)), ("y", f(height - 22)), ("width", "12"), ("height", "12"), ("fill", palette[si % palette.count])]))
            nodes.append(el("text", [("x", f(lx + 16)), ("y", f(height - 12)), ("class", "legend")], text: s.name))
            lx += 24 + Double(s.name.count) * 7.5
        }
        return el("svg", [("viewBox", "0 0 \(Int(width)) \(Int(height))"), ("role", "img"), ("aria-label", title), ("class", "chart")], [el("title", text: title)] + nodes)
    }

    static func f(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0 else { return 1 }
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        for m in [1.0, 2.0, 2.5, 5.0, 10.0] where magnitude * m >= raw { return magnitude * m }
        return magnitude * 10
    }

    static func shortNumber(_ v: Double) -> String {
        if v >= 1_000_000 { return f(v / 1_000_000) + "M" }
        if v >= 10_000 { return f(v / 1_000) + "k" }
        return f(v)
    }
}

extension Charts {
    /// One step of a waterfall: a change (`total == false`) floats from the running total; a total stands on zero.
    struct WaterfallStep {
        var label: String
        var value: Double
        var total: Bool
    }

    /// A waterfall chart (gross sales → discounts → refunds → net revenue → COGS → …), bars labelled with the exact
    /// printed amounts (`labels`, one per step).
    static func waterfall(title: String, steps: [WaterfallStep], labels: [String], unit: String) -> HTMLNode {
        let width = 720.0, height = 300.0, left = 70.0, right = 20.0, top = 24.0, bottom = 50.0
        let plotW = width - left - right, plotH = height - top - bottom
        var running = 0.0
        var spans: [(Double, Double)] = []
        for s in steps {
            if s.total {
                running = s.value
                spans.append((0, s.value))
            } else {
                spans.append((running, running + s.value))
                running += s.value
            }
        }
        let maxV = max(spans.map { max($0.0, $0.1) }.max() ?? 1, 1)
        let minV = min(spans.map { min($0.0, $0.1) }.min() ?? 0, 0)
        let step = niceStep((maxV - minV) / 4)
        let axisMax = (maxV / step).rounded(.up) * step
        let axisMin = (minV / step).rounded(.down) * step
        func y(_ v: Double) -> Double { top + plotH - (v - axisMin) / (axisMax - axisMin) * plotH }
        var nodes: [HTMLNode] = []
        var tick = axisMin
        while tick <= axisMax + step / 2 {
            nodes.append(el("line", [("x1", f(left)), ("x2", f(width - right)), ("y1", f(y(tick))), ("y2", f(y(tick))), ("class", "grid")]))
            nodes.append(el("text", [("x", f(left - 6)), ("y", f(y(tick) + 4)), ("text-anchor", "end"), ("class", "axis")], text: shortNumber(abs(tick)) == shortNumber(tick) ? shortNumber(tick) : "−" + shortNumber(abs(tick))))
            tick += step
        }
        let slot = plotW / Double(max(steps.count, 1))
        for (i, s) in steps.enumerated() {
            let (a, b) = spans[i]
            let color = s.total ? "#1f6f8b" : (s.value < 0 ? "#c0392b" : "#3d9970")
            let x = left + slot * Double(i) + slot * 0.15
            nodes.append(el("rect", [("x", f(x)), ("y", f(y(max(a, b)))), ("width", f(slot * 0.7)), ("height", f(max(1, abs(y(a) - y(b))))), ("fill", color)], [el("title", text: "\(s.label): \(labels[i]) \(unit)")]))
            nodes.append(el("text", [("x", f(x + slot * 0.35)), ("y", f(y(max(a, b)) - 4)), ("text-anchor", "middle"), ("class", "legend")], text: labels[i]))
            nodes.append(el("text", [("x", f(x + slot * 0.35)), ("y", f(top + plotH + 16)), ("text-anchor", "middle"), ("class", "axis")], text: s.label))
        }
        nodes.append(el("line", [("x1", f(left)), ("x2", f(width - right)), ("y1", f(y(0))), ("y2", f(y(0))), ("class", "baseline")]))
        return el("svg", [("viewBox", "0 0 \(Int(width)) \(Int(height))"), ("role", "img"), ("aria-label", title), ("class", "chart")], [el("title", text: title)] + nodes)
    }
}
