"""Downloading a web page for `add URL`: HTML only, bounded in time and size, every failure one line naming the
address. Redirects are followed (at most MAX_REDIRECTS, http and https only); the text is decoded by the
character set the server declares, else the one the page declares, else UTF-8, else Windows-1252."""

from __future__ import annotations

import codecs
import re
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from http.client import HTTPException

from generator.core.errors import IngestError, one_line

TIMEOUT = 20.0  # seconds for the connection and for each read
MAX_PAGE_BYTES = 5_000_000  # as an article file: a news page is a few hundred kilobytes
MAX_REDIRECTS = 5
HTML_TYPES = ("text/html", "application/xhtml+xml")
USER_AGENT = "explainer-generator (a news explainer built from saved articles)"
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


@dataclass(frozen=True)
class Fetched:
    url: str  # the address the page was finally read from, after redirects
    text: str
    charset: str


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS


def _opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(_Redirects())


def fetch(url: str, timeout: float = TIMEOUT, limit: int = MAX_PAGE_BYTES) -> Fetched:
    """The page at `url`, decoded; IngestError (one line, naming the address) for anything that is not one."""
    if not re.match(r"https?://[^/\s]+", url) or any(c.isspace() for c in url):
        raise IngestError(f"{url}: not a web address (give one starting http:// or https://)")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.5"})
    try:
        with _opener().open(request, timeout=timeout) as answer:
            kind = answer.headers.get_content_type()
            if kind not in HTML_TYPES:
                raise IngestError(f"{url}: not a web page ({kind}); only HTML pages can be added by address")
            data = answer.read(limit + 1)
            final = answer.geturl()
            declared = answer.headers.get_content_charset()
    except urllib.error.HTTPError as exc:
        if 300 <= exc.code < 400:
            raise IngestError(f"{url}: a redirect loop or more than {MAX_REDIRECTS} redirects; nothing added") from None
        raise IngestError(f"{url}: the server answered {exc.code} {one_line(str(exc.reason))}; nothing added") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError | socket.timeout):
            raise IngestError(f"{url}: no answer within {timeout:g} s; nothing added") from None
        raise IngestError(f"{url}: could not be reached ({one_line(str(reason))}); nothing added") from None
    except TimeoutError:
        raise IngestError(f"{url}: no answer within {timeout:g} s; nothing added") from None
    except (HTTPException, OSError, ValueError) as exc:
        failure = f"{type(exc).__name__}: {one_line(str(exc))}"
        raise IngestError(f"{url}: the download failed ({failure}); nothing added") from None
    if len(data) > limit:
        raise IngestError(f"{url}: more than {limit / 1e6:g} MB; not a news page? nothing added")
    text, charset = decode_page(data, declared)
    return Fetched(final, text, charset)


# codecs Python knows that are no web page's character set (transforms, escapes, placeholders)
NOT_PAGE_CODECS = {"undefined", "idna", "punycode", "unicode_escape", "raw_unicode_escape", "utf-7", "mbcs", "oem"}
# what a browser reads instead of a declared name (a page cannot declare itself UTF-16 in its own ASCII markup)
AS_BROWSERS_READ = {"utf-16": "utf-8", "utf-16-le": "utf-8", "utf-16-be": "utf-8", "utf-32": "utf-8",
                    "utf-32-le": "utf-8", "utf-32-be": "utf-8", "x-user-defined": "cp1252", "latin-1": "cp1252",
                    "iso8859-1": "cp1252", "ascii": "cp1252"}  # fmt: skip


def _codec(name: str | None) -> str | None:
    """A declared character set as a text codec a page may be in, or None (unknown, or not a page's)."""
    name = (name or "").strip().strip("\"'").lower()
    if name in AS_BROWSERS_READ:
        return AS_BROWSERS_READ[name]
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError):
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in NOT_PAGE_CODECS:
        return None
    return AS_BROWSERS_READ.get(info.name, info.name)


def page_charset(data: bytes) -> str | None:
    """The character set a page declares in its own markup (`<meta charset>` or http-equiv), if it names a known one."""
    match = META_CHARSET.search(data[:4096])
    return _codec(match.group(1).decode("ascii", "replace")) if match else None


def decode_page(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """A page's text and the character set it was read in: a byte-order mark, the server's, the page's own,
    UTF-8, else Windows-1252."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(name, "replace"), name
    for found in (_codec(declared), page_charset(data)):
        if found:
            return data.decode(found, "replace"), found
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace"), "cp1252"
