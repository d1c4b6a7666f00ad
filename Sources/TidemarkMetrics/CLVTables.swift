import TidemarkCommerce

/// Everything the CLV outputs show.
public struct CLVTables: Sendable {
    public init(
        calibrationEnd: CivilDate, unit: CLVTimeUnit, summaries: [CLVCustomerSummary], predictive: PredictiveCLVResult, rfm: [RFMScore],
        cohorts: [CohortCLVRow], repurchase: [CohortRepurchase], cohortOfCustomer: [String: Cohort], ordersWithoutCustomer: Int
    ) {
        self.calibrationEnd = calibrationEnd
        self.unit = unit
        self.summaries = summaries
        self.predictive = predictive
        self.rfm = rfm
        self.cohorts = cohorts
        self.repurchase = repurchase
        self.cohortOfCustomer = cohortOfCustomer
        self.ordersWithoutCustomer = ordersWithoutCustomer
    }

    public var calibrationEnd: CivilDate
    public var unit: CLVTimeUnit
    public var summaries: [CLVCustomerSummary]
    public var predictive: PredictiveCLVResult
    public var rfm: [RFMScore]
    public var cohorts: [CohortCLVRow]
    public var repurchase: [CohortRepurchase]
    /// Each customer's acquisition cohort (month and market of the first order).
    public var cohortOfCustomer: [String: Cohort]
    /// Orders with no buyer identity: in sales figures, not in customer figures.
    public var ordersWithoutCustomer: Int
}
