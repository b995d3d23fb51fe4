"""YAML front matter of a text or Markdown article, read with bounded work.

A few hundred bytes of YAML can describe a structure of billions of nodes (an "alias
bomb": anchors referring to anchors), and anything that walks it — even printing it in a
note — runs out of memory. Front matter is a handful of scalars (title, date, url), so it
is read with PyYAML's safe loader made stricter: no anchors or aliases, nesting at most
``MAX_DEPTH`` levels, and at most ``MAX_BYTES`` of YAML. Anything else is refused with
`FrontMatterRefused`, whose message is one line.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_BYTES = 64 * 1024
MAX_DEPTH = 16


class FrontMatterRefused(ValueError):
    """Front matter liqaa will not read (too large, aliases, nested too deeply)."""


class _BoundedLoader(yaml.SafeLoader):
    """The safe loader, refusing anchors and aliases and bounding the nesting depth."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            mark = event.start_mark
            raise FrontMatterRefused(f"front matter uses YAML anchors or aliases (& or *, front matter line {mark.line + 1}), "
                                     "which liqaa does not read")
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise FrontMatterRefused(f"front matter nested too deeply (more than {MAX_DEPTH} levels)")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def load_front_matter(yaml_text: str) -> Any:
    """The YAML document of a front matter block. Raises FrontMatterRefused for input
    outside the bounds above and yaml.YAMLError for YAML that does not parse."""
    size = len(yaml_text.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        raise FrontMatterRefused(f"front matter too large ({size:,} bytes, limit {MAX_BYTES:,})")
    loader = _BoundedLoader(yaml_text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
