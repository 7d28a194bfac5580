"""TĐKT Desktop: offline-first emulation and commendation (thi đua, khen thưởng) software."""

__version__ = "0.1.0"
