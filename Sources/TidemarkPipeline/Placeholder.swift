// TidemarkPipeline
