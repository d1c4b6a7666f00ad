// TidemarkWarehouse
