// TidemarkCSV
