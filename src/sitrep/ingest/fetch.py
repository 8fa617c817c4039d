"""Fetch one URL safely: bounded in size and time, private addresses refused by default."""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
from urllib.parse import urlsplit

import httpx

from sitrep.errors import FetchError
from sitrep.ingest.reader import MAX_INPUT_BYTES, article_from_bytes
from sitrep.models import Article

USER_AGENT = "sitrep/0.1 (+conflict event extraction)"


def _is_private(host: str) -> bool:
    try:
        infos = socket.getaddrinfo(host, None)
    except socket.gaierror as exc:
        raise FetchError(f"{host}: cannot resolve host ({exc.strerror})") from exc
    for info in infos:
        addr = ipaddress.ip_address(info[4][0])
        if addr.is_private or addr.is_loopback or addr.is_link_local or addr.is_reserved or addr.is_multicast:
            return True
    return False


def fetch_bytes(
    url: str,
    *,
    timeout: float = 20.0,
    max_bytes: int = MAX_INPUT_BYTES,
    allow_private: bool = False,
) -> tuple[bytes, str]:
    """GET a URL, returning (body, final URL). Refuses what a news fetcher should not touch."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url}: only http(s) URLs can be fetched")
    if not allow_private and _is_private(parts.hostname):
        raise FetchError(f"{url}: refusing a private, loopback or link-local address (use --allow-private)")
    try:
        with httpx.Client(
            timeout=timeout, follow_redirects=True, headers={"User-Agent": USER_AGENT}
        ) as client, client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise FetchError(f"{url}: HTTP {response.status_code}")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(f"{url}: larger than {max_bytes // 2**20} MiB, stopped reading")
                chunks.append(chunk)
            return b"".join(chunks), str(response.url)
    except httpx.TimeoutException as exc:
        raise FetchError(f"{url}: timed out after {timeout:.0f}s") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"{url}: unreachable ({exc.__class__.__name__}: {exc})") from exc


def fetch_url(
    url: str,
    *,
    published: dt.date | None = None,
    timeout: float = 20.0,
    allow_private: bool = False,
) -> Article:
    data, final_url = fetch_bytes(url, timeout=timeout, allow_private=allow_private)
    return article_from_bytes(data, name=url, url=final_url, published=published)
