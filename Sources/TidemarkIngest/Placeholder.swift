// TidemarkIngest
