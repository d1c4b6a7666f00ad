import Testing
import TidemarkCommerce

@testable import TidemarkMetrics

@Suite("Robust statistics and flag helpers")
struct AnomalyStatisticsTests {
    @Test func medianAndMADOfAnEvenCountByHand() {
        // sorted 1 1 2 3 4 5 6 9 → median (3 + 4) / 2 = 3.5
        // |x − 3.5| sorted 0.5 0.5 1.5 1.5 2.5 2.5 2.5 5.5 → MAD (1.5 + 2.5) / 2 = 2
        let v: [Double] = [3, 1, 4, 1, 5, 9, 2, 6]
        #expect(RobustStatistics.median(v) == 3.5)
        #expect(RobustStatistics.medianAbsoluteDeviation(v) == 2)
    }

    @Test func medianAndMADOfAnOddCountIgnoreTheOutlier() {
        // median 3; |x − 3| = 2 1 0 1 97 → sorted 0 1 1 2 97 → MAD 1
        #expect(RobustStatistics.median([1, 2, 3, 4, 100]) == 3)
        #expect(RobustStatistics.medianAbsoluteDeviation([1, 2, 3, 4, 100]) == 1)
        #expect(RobustStatistics.median([]) == nil)
    }

    @Test(arguments: [
        (12.5, 2, "12.50"), (-0.01249, 4, "-0.0125"), (0.004, 2, "0.00"), (-0.004, 2, "0.00"), (3.0, 0, "3"), (2.675, 1, "2.7"),
    ])
    func fixedDecimalsRoundHalfAwayFromZero(value: Double, decimals: Int, text: String) {
        #expect(fixedDecimals(value, decimals) == text)
    }

    @Test func promotionAppliesToItsMarketsAndToSeriesWithoutMarket() {
        let d = CivilDate(iso: "2026-03-20")!
        let p = Promotion(name: "Spring Sale", dates: d...d.advanced(by: 2), markets: ["DE", "FR"])
        #expect(p.applies(toMarket: "DE"))
        #expect(!p.applies(toMarket: "US"))
        #expect(p.applies(toMarket: nil))
        #expect(Promotion(name: "All", dates: d...d).applies(toMarket: "US"))
        #expect(p.distance(from: d.advanced(by: -3)) == 3)
        #expect(p.distance(from: d.advanced(by: 1)) == 0)
        #expect(p.distance(from: d.advanced(by: 4)) == 2)
    }

    @Test func thresholdsDefaultToMetricsMd() {
        let t = FlagThresholds.defaults
        #expect((t.baselineDays, t.minimumHistoryDays, t.madScale, t.warningScore, t.criticalScore) == (28, 14, 1.4826, 3.5, 5))
        #expect((t.periodDays, t.dropWarning, t.dropCritical, t.dropMinimumEarlierEvents) == (7, 0.2, 0.4, 20))
        #expect((t.idleCampaignDays, t.shipmentDelayHours, t.promotionProximityDays) == (3, 48, 3))
        #expect(t.acosCeiling == nil && t.logisticsCostShareCeiling == nil)
    }
}
