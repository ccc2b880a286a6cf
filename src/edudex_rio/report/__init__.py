"""The processing report (verwerkingsverslag) for providers."""
