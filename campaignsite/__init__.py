"""campaignsite: a bilingual (Simplified Chinese + English) static campaign-microsite generator."""

__version__ = "0.2.0"
