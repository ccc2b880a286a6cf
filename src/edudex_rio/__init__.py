"""edudex-rio: keeps DUO's register RIO filled from EDU-DEX course catalogues."""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
