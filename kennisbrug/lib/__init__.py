"""Framework-free helpers. Nothing in here imports Django."""
