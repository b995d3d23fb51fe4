"""Hostile inputs for the input layer, and a way to run liqaa on them with a memory limit
and a timeout, so that a test of a resource bomb cannot take the test run down with it."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

MEMORY_LIMIT = 1536 * 1024 * 1024   # address space: liqaa with the embedded KB needs well under a third
TIMEOUT = 60


def alias_bomb(levels: int = 9, fan_out: int = 9) -> str:
    """YAML front matter of under 500 bytes whose aliases describe fan_out**levels strings."""
    lines = ["---", "a: &a [" + ",".join(['"x"'] * fan_out) + "]"]
    previous = "a"
    for name in "bcdefghijklmnopqrstuvwxyz"[:levels - 1]:
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * fan_out) + "]")
        previous = name
    lines += [f"date: *{previous}", f"title: *{previous}", "---",
              "استقبل الرئيس الروسي فلاديمير بوتين المبعوث الأمريكي ستيف ويتكوف في الكرملين.", ""]
    return "\n".join(lines)


def nested_html(depth: int = 100_000) -> str:
    return ("<html><body>" + "<div>" * depth + "<p>Russian President Vladimir Putin met US envoy Steve Witkoff.</p>"
            + "</div>" * depth + "</body></html>")


def entity_bomb_feed(levels: int = 10) -> str:
    """An RSS feed whose DTD entities expand tenfold per level ("billion laughs")."""
    dtd = '<!ENTITY e0 "laughlaugh">' + "".join(
        f'<!ENTITY e{n} "{("&e%d;" % (n - 1)) * 10}">' for n in range(1, levels))
    return (f'<?xml version="1.0"?>\n<!DOCTYPE rss [{dtd}]>\n<rss version="2.0"><channel><title>t</title>'
            f"<item><title>x</title><description>&e{levels - 1};</description></item></channel></rss>\n")


def nested_feed(depth: int = 100_000) -> str:
    return ('<?xml version="1.0"?><rss version="2.0"><channel><item><title>x</title><description>'
            + "<a>" * depth + "Putin met Witkoff" + "</a>" * depth + "</description></item></channel></rss>\n")


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_limited(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """``liqaa ARGS`` in a subprocess limited to MEMORY_LIMIT of address space and TIMEOUT
    seconds (subprocess.TimeoutExpired fails the test)."""
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "liqaa", *map(str, args)], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=TIMEOUT, preexec_fn=_limit_memory, stdin=subprocess.DEVNULL)


def error_lines(stderr: str) -> list[str]:
    """The lines of liqaa's stderr that report an error or a rejection."""
    return [line for line in stderr.splitlines() if "error:" in line or line.startswith("rejected:")]
