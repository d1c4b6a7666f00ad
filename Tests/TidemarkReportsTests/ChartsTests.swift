import Testing

@testable import TidemarkReports

/// Chart geometry: values → SVG coordinates, checked against numbers computed by hand (the arithmetic is in the
/// comments; coordinates are written rounded to one decimal, trailing `.0` dropped).
@Suite("Charts")
struct ChartsTests {
    // MARK: Funnel (logarithmic bars)

    @Test(arguments: [
        (1, 1), (0, 1), (9, 1), (10, 1),  // 10¹ covers up to 10
        (11, 2), (100, 2), (999, 3), (1_000, 3), (1_001, 4),
        (766_410, 6),  // 10⁶ = 1,000,000 is the first power of ten at or above
    ])
    func theLogAxisEndsAtTheFirstPowerOfTenAtOrAboveTheLargestValue(maxValue: Int, decades: Int) {
        #expect(Charts.FunnelScale(maxValue: maxValue, plotWidth: 220).decades == decades)
    }

    @Test func barLengthsAreTheLogarithmOfTheValueOverTheAxis() {
        let scale = Charts.FunnelScale(maxValue: 766_410, plotWidth: 220)
        // 220 × log10(766,410) / 6 = 220 × 5.884461 / 6 = 215.7636
        #expect(abs(scale.width(766_410) - 215.7636) < 0.0001)
        // 220 × log10(5,556) / 6 = 220 × 3.744762 / 6 = 137.3079
        #expect(abs(scale.width(5_556) - 137.3079) < 0.0001)
        // 220 × log10(98) / 6 = 220 × 1.991226 / 6 = 73.0116
        #expect(abs(scale.width(98) - 73.0116) < 0.0001)
        // 10^k sits exactly on gridline k: 220 × 3 / 6 = 110.
        #expect(scale.width(1_000) == 110)
        // log10(1) = 0, but a value of 1 keeps a visible 2-unit bar; 0 has none.
        #expect(scale.width(1) == 2)
        #expect(scale.width(0) == 0)
    }

    @Test(arguments: [(0, "1"), (1, "10"), (2, "100"), (3, "1k"), (4, "10k"), (5, "100k"), (6, "1M"), (7, "10M")])
    func gridlinesAreLabelledWithPowersOfTen(decade: Int, label: String) {
        #expect(Charts.FunnelScale.label(decade) == label)
    }

    @Test func theFunnelChartDrawsBarsWhereValuesAreAndSaysNotReportedWhereTheyAreNot() {
        let svg = Charts.funnel(title: "US · amazon", stages: [("Impressions", 766_410), ("Clicks", 5_556), ("Sessions", nil), ("Orders", 98)]).render()
        // Plot from x = 82 (left margin) over 420 − 82 − 118 = 220 units; rows of 24 from y = 28, bars 3 below the
        // row's top and 24 − 6 = 18 high.
        #expect(svg.contains("<rect x=\"82\" y=\"31\" width=\"215.8\" height=\"18\" fill=\"#1f6f8b\"><title>Impressions: 766,410</title></rect>"))
        // Clicks, row 1: y = 28 + 24 + 3 = 55. The rate from impressions: 5,556 / 766,410 = 0.00725 → 0.7 %.
        #expect(svg.contains("<rect x=\"82\" y=\"55\" width=\"137.3\" height=\"18\" fill=\"#1f6f8b\"><title>Clicks: 5,556 · 0.7 %</title></rect>"))
        // Its label 4 units after the bar's end: 82 + 137.3079 + 4 = 223.3; baseline at the row's middle + 4:
        // 28 + 24 + 12 + 4 = 68.
        #expect(svg.contains("<text x=\"223.3\" y=\"68\" class=\"legend\">5,556 · 0.7 %</text>"))
        // Sessions, row 2, not reported: no bar, a note at x = 82 + 4, y = 28 + 48 + 12 + 4 = 92.
        #expect(svg.contains("<text x=\"86\" y=\"92\" class=\"missing\">not reported</text>"))
        #expect(!svg.contains("Sessions: "))
        // Orders, row 3: y = 28 + 72 + 3 = 103; 73.0116 → 73. No rate: the stage before is not reported.
        #expect(svg.contains("<rect x=\"82\" y=\"103\" width=\"73\" height=\"18\" fill=\"#1f6f8b\"><title>Orders: 98</title></rect>"))
        // Gridlines at 82 + 220 × k / 6: k = 1 → 118.7 ("10"), k = 3 → 192 ("1k"), k = 6 → 302 ("1M").
        #expect(svg.contains("<line x1=\"118.7\" x2=\"118.7\""))
        #expect(svg.contains("<text x=\"192\" y=\"137\" text-anchor=\"middle\" class=\"axis\">1k</text>"))
        #expect(svg.contains("<text x=\"302\" y=\"137\" text-anchor=\"middle\" class=\"axis\">1M</text>"))
        // Height: 28 + 4 × 24 + 30 = 154.
        #expect(svg.hasPrefix("<svg viewBox=\"0 0 420 154\""))
    }

    // MARK: Lines (cohort curves)

    @Test func categoriesSitInTheMiddleOfTheirSlots() {
        // Plot 720 − 70 − 20 = 630 wide from x = 70; three slots of 210: middles 175, 385, 595.
        #expect(Charts.categoryX(0, of: 3) == 175)
        #expect(Charts.categoryX(1, of: 3) == 385)
        #expect(Charts.categoryX(2, of: 3) == 595)
        #expect(Charts.categoryX(0, of: 1) == 385)
    }

    @Test func theValueAxisEndsOnAMultipleOfANiceStep() {
        // 480.81 / 4 = 120.2 → step 200 (1, 2, 2.5, 5 × 10ⁿ: 200 is the first ≥ 120.2); top ⌈480.81 / 200⌉ × 200 = 600.
        #expect(Charts.valueAxis(maxValue: 480.81) == (max: 600, step: 200))
        // 0 → the axis still runs to 1 (no division by zero).
        #expect(Charts.valueAxis(maxValue: 0) == (max: 1, step: 0.25))
    }

    @Test(arguments: [
        (120.2, false, 200.0), (2.25, false, 2.5), (0.3, false, 0.5), (1_000, false, 1_000),
        // Counts: no 2.5 steps, never below 1 (9 parcels over 4 gridlines: 2.25 → 5, not 2.5).
        (2.25, true, 5.0), (0.3, true, 1.0), (1.5, true, 2.0), (120.2, true, 200.0),
    ])
    func niceStepsAreOneTwoOrFiveTimesAPowerOfTen(raw: Double, whole: Bool, step: Double) {
        #expect(Charts.niceStep(raw, whole: whole) == step)
    }

    @Test func cohortCurvesPlaceEachPointByMonthAndRevenue() {
        let svg = Charts.lines(
            title: "t", xLabels: ["M0", "M1", "M2"],
            series: [(name: "2026-08", values: [226.69, 376.99, 480.81]), (name: "2026-09", values: [95.63, 116.06, nil]), (name: "2026-10", values: [94.48, nil, nil])],
            unit: "EUR", xTitle: "months since the first order"
        ).render()
        // Axis 0 … 600 over the plot height 320 − 20 − 78 = 222 from y = 20: y(v) = 242 − v / 600 × 222.
        // 226.69 → 158.1247, 376.99 → 102.5137, 480.81 → 64.1003.
        #expect(svg.contains("<polyline points=\"175,158.1 385,102.5 595,64.1\" fill=\"none\" stroke=\"#1f6f8b\" stroke-width=\"2\">"))
        // 95.63 → 206.6169, 116.06 → 199.0578; the missing M2 ends the line.
        #expect(svg.contains("<polyline points=\"175,206.6 385,199.1\" fill=\"none\" stroke=\"#e07a5f\" stroke-width=\"2\">"))
        // A cohort with one month is a point, not a line: 94.48 → 207.0424.
        #expect(svg.contains("<circle cx=\"175\" cy=\"207\" r=\"3.5\" fill=\"#3d9970\"><title>2026-10 M0: 94.5 EUR</title></circle>"))
        #expect(!svg.contains("stroke=\"#3d9970\""))
        // Gridline labels 0, 200, 400, 600; 600 at the top of the plot (y = 20, label 4 lower).
        #expect(svg.contains("<text x=\"64\" y=\"24\" text-anchor=\"end\" class=\"axis\">600</text>"))
        // The legend names every cohort.
        for name in ["2026-08", "2026-09", "2026-10"] { #expect(svg.contains("class=\"legend\">\(name)</text>")) }
    }

    @Test func aGapSplitsALine() {
        let svg = Charts.lines(title: "t", xLabels: ["a", "b", "c", "d"], series: [(name: "s", values: [100, nil, 300, 400])], unit: "u", xTitle: "x").render()
        // Four slots of 157.5: middles 148.75, 306.25, 463.75, 621.25. Axis: 400 / 4 = 100 → step 100, top 400.
        // y = 242 − v / 400 × 222: 300 → 75.5, 400 → 20. Only c–d is a line; a stands alone.
        #expect(svg.contains("<polyline points=\"463.8,75.5 621.3,20\""))
        #expect(svg.components(separatedBy: "<polyline").count == 2)
        #expect(svg.contains("<circle cx=\"148.8\" cy=\"186.5\""))  // 242 − 100 / 400 × 222 = 186.5
    }
}
