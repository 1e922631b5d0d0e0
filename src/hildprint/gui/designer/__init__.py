"""The badge designer: canvas, properties panel and the window that holds them."""
