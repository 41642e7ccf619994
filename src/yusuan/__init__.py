"""yusuan (预算): build, check, extract and compare Chinese department budget disclosures."""

__version__ = "0.1.0"
