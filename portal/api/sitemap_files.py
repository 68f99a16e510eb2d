"""The sitemap written as files: each page once per locale, with its alternates in every locale, at most
``limit`` addresses a file (the protocol allows 50,000). When every address fits, ``sitemap.xml`` is the one file;
otherwise the addresses are in ``sitemap-1.xml``, ``sitemap-2.xml``... and ``sitemap.xml`` is their index."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

from portal.addresses import external_url

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
INDEX_FILE = "sitemap.xml"
HEAD = "<?xml version='1.0' encoding='UTF-8'?>\n"


def part_name(number: int) -> str:
    return f"sitemap-{number}.xml"


class SitemapWriter:
    def __init__(self, folder: Path, limit: int, locales: list[str]) -> None:
        self.folder, self.limit, self.locales = folder, max(limit, len(locales)), locales
        self.parts: list[str | None] = []  # each file's newest date of change
        self.out: IO[str] | None = None
        self.in_part = 0

    def __enter__(self) -> SitemapWriter:
        return self

    def add(self, endpoint: str, values: dict[str, Any], modified: str | None) -> None:
        """The page ``endpoint`` with ``values`` in every locale, each with its alternates."""
        addresses = {locale: external_url(endpoint, lang_code=locale, **values) for locale in self.locales}
        alternates = "".join(
            f'<xhtml:link rel="alternate" hreflang={quoteattr(locale)} href={quoteattr(address)} />'
            for locale, address in addresses.items()
        )
        changed = f"<lastmod>{escape(modified)}</lastmod>" if modified else ""
        for address in addresses.values():
            self._room(modified).write(f"<url><loc>{escape(address)}</loc>{changed}{alternates}</url>\n")
            self.in_part += 1

    def __exit__(self, *error: object) -> None:
        if self.out is None:
            self._room(None)
        self._close_part()
        if len(self.parts) == 1:
            (self.folder / part_name(1)).rename(self.folder / INDEX_FILE)
            return
        with (self.folder / INDEX_FILE).open("w", encoding="utf-8") as out:
            out.write(f'{HEAD}<sitemapindex xmlns="{SITEMAP}">\n')
            for number, modified in enumerate(self.parts, start=1):
                address = external_url("opendata.sitemap_part", number=number)
                changed = f"<lastmod>{escape(modified)}</lastmod>" if modified else ""
                out.write(f"<sitemap><loc>{escape(address)}</loc>{changed}</sitemap>\n")
            out.write("</sitemapindex>\n")

    def _room(self, modified: str | None) -> IO[str]:
        """A file with room for one more address (a new one when the current is full); its date of change kept."""
        if self.out is None or self.in_part >= self.limit:
            self._close_part()
            self.parts.append(None)
            self.out = (self.folder / part_name(len(self.parts))).open("w", encoding="utf-8")
            self.out.write(f'{HEAD}<urlset xmlns="{SITEMAP}" xmlns:xhtml="{XHTML}">\n')
            self.in_part = 0
        if modified and (self.parts[-1] is None or modified > str(self.parts[-1])):
            self.parts[-1] = modified
        return self.out

    def _close_part(self) -> None:
        if self.out is not None:
            self.out.write("</urlset>\n")
            self.out.close()
            self.out = None
