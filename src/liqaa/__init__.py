"""liqaa (لقاء): check who-is-who claims and extract meetings from Arabic and English news.

    >>> import liqaa
    >>> report = liqaa.check("التقى الرئيس الروسي فلاديمير بوتين ...", as_of="2025-03-13")
    >>> report.summary
    >>> liqaa.extract("استقبل الرئيس المصري عبد الفتاح السيسي ...", date="2025-02-16").meetings
"""

__version__ = "0.1.0"

from liqaa.report import Report, check  # noqa: E402
import liqaa.extract  # noqa: E402,F401  (a callable module: liqaa.extract(text) → MeetingsReport)

__all__ = ["Report", "check", "extract", "__version__"]
