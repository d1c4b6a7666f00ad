import Foundation
import TidemarkCommerce

/// Inline SVG charts drawn from numbers computed in Swift. Values are plain `Double`s for drawing only; the
/// figures printed beside them come from the exact amounts.
enum Charts {
    static let palette = ["#1f6f8b", "#e07a5f", "#3d9970", "#8e6bbf", "#d4a017", "#5c7080", "#c0392b", "#2e86de", "#16a085", "#7f8c8d"]

    /// A grouped bar chart: one group per category (e.g. month), one bar per series (e.g. market), with a y axis,
    /// gridlines, value labels on hover (title) and a legend.
    /// `wholeNumbers`: the values are counts, so the axis steps are whole numbers.
    static func groupedBars(title: String, categories: [String], series: [(name: String, values: [Double])], unit: String, wholeNumbers: Bool = false) -> HTMLNode {
        let width = 720.0, height = 300.0
        let left = 70.0, right = 20.0, top = 20.0, bottom = 60.0
        let plotW = width - left - right, plotH = height - top - bottom
        let maxValue = max(series.flatMap(\.values).max() ?? 0, 1)
        let step = niceStep(maxValue / 4, whole: wholeNumbers)
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

    /// The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above `raw`; for counts (`whole`), the smallest of 1, 2, 5 × 10ⁿ
    /// at or above it and at least 1, so that an axis of parcels or customers never reads 2.5.
    static func niceStep(_ raw: Double, whole: Bool = false) -> Double {
        guard raw > 0 else { return 1 }
        if whole, raw <= 1 { return 1 }
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        for m in whole ? [1.0, 2.0, 5.0, 10.0] : [1.0, 2.0, 2.5, 5.0, 10.0] where magnitude * m >= raw { return magnitude * m }
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

extension Charts {
    /// Geometry of a funnel chart: a logarithmic axis from 1 to the first power of ten at or above the largest
    /// value, so that orders stay visible next to impressions.
    struct FunnelScale {
        /// Powers of ten on the axis (1 → 10 → … → 10^decades); at least 1.
        let decades: Int
        /// Width of the plot area in SVG units.
        let plotWidth: Double

        init(maxValue: Int, plotWidth: Double) {
            var d = 1, p = 10
            while p < maxValue {
                d += 1
                p *= 10
            }
            decades = d
            self.plotWidth = plotWidth
        }

        /// Bar length of `value`: log10(value) / decades of the plot width; a value of 1 or more is at least 2
        /// units long so it stays visible, 0 has no bar.
        func width(_ value: Int) -> Double {
            guard value > 0 else { return 0 }
            return max(2, plotWidth * log10(Double(value)) / Double(decades))
        }

        /// The label of the power of ten at gridline `d`: 1, 10, 100, 1k, 10k, 100k, 1M, …
        static func label(_ d: Int) -> String {
            switch d {
            case ..<3: return String(Int(pow(10.0, Double(d))))
            case 3..<6: return String(Int(pow(10.0, Double(d - 3)))) + "k"
            default: return String(Int(pow(10.0, Double(d - 6)))) + "M"
            }
        }
    }

    static let funnelSize = (width: 420.0, left: 82.0, right: 118.0, top: 28.0, row: 24.0, bottom: 30.0)

    /// A small funnel chart of one market and platform: one horizontal bar per stage on a logarithmic axis, each
    /// labelled with its exact count and the rate from the stage before; a stage no source reports says
    /// "not reported" and has no bar (it is not zero).
    static func funnel(title: String, stages: [(name: String, value: Int?)]) -> HTMLNode {
        let g = funnelSize
        let plotW = g.width - g.left - g.right
        let plotH = g.row * Double(stages.count)
        let height = g.top + plotH + g.bottom
        let scale = FunnelScale(maxValue: stages.compactMap(\.value).max() ?? 1, plotWidth: plotW)
        var nodes: [HTMLNode] = [el("text", [("x", "0"), ("y", "16"), ("class", "chart-title")], text: title)]
        for d in 0...scale.decades {
            let x = g.left + plotW * Double(d) / Double(scale.decades)
            nodes.append(el("line", [("x1", f(x)), ("x2", f(x)), ("y1", f(g.top - 4)), ("y2", f(g.top + plotH)), ("class", "grid")]))
            nodes.append(el("text", [("x", f(x)), ("y", f(g.top + plotH + 13)), ("text-anchor", "middle"), ("class", "axis")], text: FunnelScale.label(d)))
        }
        nodes.append(el("text", [("x", f(g.left + plotW / 2)), ("y", f(height - 3)), ("text-anchor", "middle"), ("class", "axis")], text: "count (log scale)"))
        var previous: Int?
        for (i, stage) in stages.enumerated() {
            let y = g.top + g.row * Double(i)
            nodes.append(el("text", [("x", f(g.left - 6)), ("y", f(y + g.row / 2 + 4)), ("text-anchor", "end"), ("class", "legend")], text: stage.name))
            guard let v = stage.value else {
                nodes.append(el("text", [("x", f(g.left + 4)), ("y", f(y + g.row / 2 + 4)), ("class", "missing")], text: "not reported"))
                previous = nil
                continue
            }
            let w = scale.width(v)
            let rate = previous.flatMap { p in Ratio(v, over: p) }.map { " · " + HTMLReport.percent($0) } ?? ""
            let label = HTMLReport.grouped(String(v)) + rate
            if w > 0 {
                nodes.append(el("rect", [("x", f(g.left)), ("y", f(y + 3)), ("width", f(w)), ("height", f(g.row - 6)), ("fill", palette[0])], [el("title", text: "\(stage.name): \(label)")]))
            }
            nodes.append(el("text", [("x", f(g.left + w + 4)), ("y", f(y + g.row / 2 + 4)), ("class", "legend")], text: label))
            previous = v
        }
        return el("svg", [("viewBox", "0 0 \(Int(g.width)) \(Int(height))"), ("role", "img"), ("aria-label", "Funnel " + title), ("class", "chart funnel")], [el("title", text: "Funnel " + title)] + nodes)
    }
}

extension Charts {
    static let lineSize = (width: 720.0, height: 320.0, left: 70.0, right: 20.0, top: 20.0, bottom: 78.0)

    /// Where point `index` of `count` categories sits: the middle of its slot, as in ``groupedBars``.
    static func categoryX(_ index: Int, of count: Int) -> Double {
        let g = lineSize
        return g.left + (g.width - g.left - g.right) * (Double(index) + 0.5) / Double(max(count, 1))
    }

    /// The y axis of a chart whose values run from 0 to `maxValue`: its top (a multiple of a "nice" step) and step.
    static func valueAxis(maxValue: Double) -> (max: Double, step: Double) {
        let top = max(maxValue, 1)
        let step = niceStep(top / 4)
        return ((top / step).rounded(.up) * step, step)
    }

    /// A line chart: one line per series over the categories on the x axis (a missing value breaks the line), with
    /// points, a y axis with gridlines, axis titles and a legend.
    static func lines(title: String, xLabels: [String], series: [(name: String, values: [Double?])], unit: String, xTitle: String) -> HTMLNode {
        let g = lineSize
        let plotH = g.height - g.top - g.bottom
        let axis = valueAxis(maxValue: series.flatMap { $0.values.compactMap { $0 } }.max() ?? 0)
        func y(_ v: Double) -> Double { g.top + plotH - v / axis.max * plotH }
        var nodes: [HTMLNode] = []
        var tick = 0.0
        while tick <= axis.max + axis.step / 2 {
            nodes.append(el("line", [("x1", f(g.left)), ("x2", f(g.width - g.right)), ("y1", f(y(tick))), ("y2", f(y(tick))), ("class", "grid")]))
            nodes.append(el("text", [("x", f(g.left - 6)), ("y", f(y(tick) + 4)), ("text-anchor", "end"), ("class", "axis")], text: shortNumber(tick)))
            tick += axis.step
        }
        for (i, label) in xLabels.enumerated() {
            nodes.append(el("text", [("x", f(categoryX(i, of: xLabels.count))), ("y", f(g.top + plotH + 18)), ("text-anchor", "middle"), ("class", "axis")], text: label))
        }
        nodes.append(el("line", [("x1", f(g.left)), ("x2", f(g.width - g.right)), ("y1", f(y(0))), ("y2", f(y(0))), ("class", "baseline")]))
        nodes.append(el("text", [("x", f(g.left + (g.width - g.left - g.right) / 2)), ("y", f(g.top + plotH + 36)), ("text-anchor", "middle"), ("class", "axis")], text: xTitle))
        nodes.append(el("text", [("x", "12"), ("y", f(g.top + plotH / 2)), ("transform", "rotate(-90 12 \(f(g.top + plotH / 2)))"), ("text-anchor", "middle"), ("class", "axis")], text: unit))
        for (si, s) in series.enumerated() {
            let color = palette[si % palette.count]
            // Runs of consecutive known values, each one polyline.
            var run: [String] = []
            func flush() {
                if run.count > 1 { nodes.append(el("polyline", [("points", run.joined(separator: " ")), ("fill", "none"), ("stroke", color), ("stroke-width", "2")])) }
                run = []
            }
            for (i, v) in s.values.enumerated() {
                guard let v else {
                    flush()
                    continue
                }
                run.append("\(f(categoryX(i, of: xLabels.count))),\(f(y(v)))")
            }
            flush()
            for (i, v) in s.values.enumerated() {
                guard let v else { continue }
                let label = i < xLabels.count ? xLabels[i] : String(i)
                nodes.append(el("circle", [("cx", f(categoryX(i, of: xLabels.count))), ("cy", f(y(v))), ("r", "3.5"), ("fill", color)], [el("title", text: "\(s.name) \(label): \(shortNumber(v)) \(unit)")]))
            }
        }
        var lx = g.left
        var ly = g.height - 16
        for (si, s) in series.enumerated() {
            let w = 26 + Double(s.name.count) * 7.5
            if lx + w > g.width - g.right {
                lx = g.left
                ly += 16
            }
            nodes.append(el("rect", [("x", f(lx)), ("y", f(ly - 10)), ("width", "12"), ("height", "12"), ("fill", palette[si % palette.count])]))
            nodes.append(el("text", [("x", f(lx + 16)), ("y", f(ly)), ("class", "legend")], text: s.name))
            lx += w
        }
        return el("svg", [("viewBox", "0 0 \(Int(g.width)) \(Int(g.height))"), ("role", "img"), ("aria-label", title), ("class", "chart")], [el("title", text: title)] + nodes)
    }
}
