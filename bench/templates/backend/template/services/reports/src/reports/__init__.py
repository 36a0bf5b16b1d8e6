"""Reports service: sales reports with pandas, as HTML and XLSX."""
