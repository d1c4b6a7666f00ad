// TidemarkReports
