"""liqaa (لقاء): check who-is-who claims and extract meetings from Arabic and English news.

    >>> import liqaa
    >>> report = liqaa.check("التقى الرئيس الروسي فلاديمير بوتين ...", as_of="2025-03-13")
    >>> report.summary
    >>> liqaa.extract("استقبل الرئيس المصري عبد الفتاح السيسي ...", date="2025-02-16").meetings
"""

__version__ = "0.1.0"

from liqaa.report import Report, check  # noqa: E402


def __getattr__(name: str):
    # liqaa.extract is a callable module (liqaa.extract(text) → MeetingsReport), imported on
    # first use so that `liqaa check` does not pay for the meeting stage at start-up.
    if name == "extract":
        import importlib

        return importlib.import_module("liqaa.extract")
    raise AttributeError(f"module 'liqaa' has no attribute {name!r}")

__all__ = ["Report", "check", "extract", "__version__"]
