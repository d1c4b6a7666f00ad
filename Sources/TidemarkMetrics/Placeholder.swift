// TidemarkMetrics
