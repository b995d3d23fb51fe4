"""Dated knowledge base of who held which office."""

from liqaa.kb.load import default_kb, load_kb
from liqaa.kb.model import KB, Country, Org, PartialDate, Person, Term

__all__ = ["KB", "Country", "Org", "PartialDate", "Person", "Term", "default_kb", "load_kb"]
