// TidemarkNormalize
