"""liqaa (لقاء): check who-is-who claims and extract meetings from Arabic and English news.

    >>> import liqaa
    >>> report = liqaa.check("التقى الرئيس الروسي فلاديمير بوتين ...", as_of="2025-03-13")
    >>> report.summary
"""

__version__ = "0.1.0"

from liqaa.report import Report, check  # noqa: E402

__all__ = ["Report", "check", "__version__"]
