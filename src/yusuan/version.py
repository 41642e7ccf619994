"""yusuan's version, on the ground floor so that any module may name it (`yusuan.__version__` too)."""

__version__ = "0.1.0"
