"""Fetching statistics over HTTP with the standard library: a timeout, bounded retries, paging.

The network is reached only through a client with ``get(url)`` and ``post(url, body)``
(:class:`HttpClient`), so tests and callers behind a proxy or cache can give their own.
"""

from __future__ import annotations

import json
import re
import time as _time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final, Protocol

from insatslogik.errors import InsatslogikError, ModelError, UsageError
from insatslogik.formats.statistics._values import StatisticValues, load_json, problem
from insatslogik.formats.statistics.jsonstat import values_from_jsonstat
from insatslogik.formats.statistics.kolada import values_from_kolada

__all__ = [
    "KOLADA_API",
    "FetchError",
    "HttpClient",
    "UrllibClient",
    "fetch_jsonstat",
    "fetch_kolada",
]

#: Kolada's API, read-only and open. Version 3 (from 2025-04-04) keeps v2's paths; v2 now
#: answers 410 Gone.
KOLADA_API: Final = "https://api.kolada.se/v3"
# Statuses worth another try: too many requests and the server's own failures.
_RETRY_STATUSES: Final = frozenset({429, 500, 502, 503, 504})
# A response longer than this many pages is a loop, not data (5 000 values a page).
_MAX_PAGES: Final = 200
_CODE: Final = re.compile(r"[A-Za-z0-9_-]+")


class FetchError(InsatslogikError, OSError):
    """A statistics service could not be reached or answered with an error.

    An `OSError`, as a failed connection is; the message names the URL and what happened.

    >>> raise FetchError("https://api.kolada.se/v3/data: no connection (offline?)")
    Traceback (most recent call last):
    insatslogik.formats.statistics.fetching.FetchError: https://api.kolada.se/v3/data: no connection (offline?)
    """


class HttpClient(Protocol):
    """What the fetchers need from HTTP: the body of a GET, and of a POST of JSON."""

    def get(self, url: str) -> bytes:
        """The body of a successful GET of `url`; raises :class:`FetchError` otherwise.

        Returns:
            The response body.

        >>> UrllibClient().get("file:///etc/passwd")
        Traceback (most recent call last):
        insatslogik.errors.UsageError: url must start with http:// or https:// (got 'file:///etc/passwd')
        """
        ...

    def post(self, url: str, body: bytes) -> bytes:
        """The body of a successful POST of the JSON `body` to `url`; raises :class:`FetchError` otherwise.

        Returns:
            The response body.

        >>> UrllibClient().post("ftp://example.org/table", b"{}")
        Traceback (most recent call last):
        insatslogik.errors.UsageError: url must start with http:// or https:// (got 'ftp://example.org/table')
        """
        ...


class UrllibClient:
    """An :class:`HttpClient` on ``urllib``: a timeout and bounded retries with backoff.

    A 429 or 5xx answer, a refused or reset connection and a timeout are tried again, at most
    `retries` more times, waiting `backoff`, then twice as long, and so on (or what a
    ``Retry-After`` header asks, up to 60 s). Other HTTP errors fail at once.

    Args:
        timeout: seconds to wait for each answer.
        retries: how many times to try again after the first attempt.
        backoff: seconds to wait before the first retry.
        sleep: how to wait (tests pass a function that records instead of sleeping).

    >>> client = UrllibClient(timeout=5, retries=0)
    >>> client.get("http://127.0.0.1:9/nothing")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    insatslogik.formats.statistics.fetching.FetchError: http://127.0.0.1:9/nothing: no connection ...
    """

    def __init__(
        self,
        *,
        timeout: float = 30.0,
        retries: int = 3,
        backoff: float = 1.0,
        sleep: Callable[[float], None] = _time.sleep,
    ) -> None:
        if retries < 0 or timeout <= 0 or backoff < 0:
            msg = f"timeout must be > 0, retries and backoff >= 0 (got {timeout}, {retries}, {backoff})"
            raise UsageError(msg)
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep

    def get(self, url: str) -> bytes:
        """The body of a successful GET of `url`, tried again on 429, 5xx and lost connections.

        Returns:
            The response body.

        Raises:
            FetchError: no answer after the retries, or an HTTP error that is not retried.

        >>> UrllibClient().get("file:///etc/passwd")
        Traceback (most recent call last):
        insatslogik.errors.UsageError: url must start with http:// or https:// (got 'file:///etc/passwd')
        """
        return self._send(urllib.request.Request(url, headers=_HEADERS))

    def post(self, url: str, body: bytes) -> bytes:
        """The body of a successful POST of the JSON `body` to `url`, retried as :meth:`get` is.

        Returns:
            The response body.

        Raises:
            FetchError: no answer after the retries, or an HTTP error that is not retried.

        >>> UrllibClient().post("ftp://example.org/table", b"{}")
        Traceback (most recent call last):
        insatslogik.errors.UsageError: url must start with http:// or https:// (got 'ftp://example.org/table')
        """
        headers = {**_HEADERS, "Content-Type": "application/json"}
        return self._send(urllib.request.Request(url, data=body, headers=headers, method="POST"))

    def _send(self, request: urllib.request.Request) -> bytes:
        url = request.full_url
        if not url.startswith(("http://", "https://")):
            msg = f"url must start with http:// or https:// (got {url!r})"
            raise UsageError(msg)
        wait = self.backoff
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                    body: bytes = answer.read()
                    return body
            except urllib.error.HTTPError as error:
                if error.code not in _RETRY_STATUSES or last:
                    msg = f"{url}: the service answered {error.code} {error.reason}"
                    raise FetchError(msg) from error
                asked = _retry_after(error.headers.get("Retry-After"))
                self.sleep(wait if asked is None else asked)
            except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
                if last:
                    reason = getattr(error, "reason", error)
                    msg = f"{url}: no connection (offline?): {reason}"
                    raise FetchError(msg) from error
                self.sleep(wait)
            wait *= 2
        msg = f"{url}: no answer"  # not reached: the last attempt returns or raises
        raise FetchError(msg)


_HEADERS: Final = {"Accept": "application/json", "User-Agent": "insatslogik"}


def _retry_after(value: str | None) -> float | None:
    """The seconds a Retry-After header asks for (only the number form), at most 60."""
    if value is None or not value.strip().isdigit():
        return None
    return min(float(value.strip()), 60.0)


def fetch_kolada(
    kpi: str,
    area: str,
    years: Iterable[int],
    *,
    client: HttpClient | None = None,
    base_url: str = KOLADA_API,
) -> StatisticValues:
    """The values of one Kolada KPI in one municipality or region, fetched page by page.

    Args:
        kpi: the KPI id (``"N00945"``).
        area: the municipality or region code (``"1860"``, ``"0014"``).
        years: the years to ask for.
        client: the HTTP client; by default a :class:`UrllibClient`.
        base_url: the API's address (another one for a mirror or a test server).

    Returns:
        The values as :func:`values_from_kolada` reads them, from every page of the answer.

    Raises:
        UsageError: a KPI, area or year that cannot go into the address.
        FetchError: the service could not be reached or answered with an error.
        ModelError: the answer is not a Kolada data response.

    >>> class Recorded:
    ...     def get(self, url):
    ...         return (b'{"count": 1, "values": [{"kpi": "N00945", "municipality": "1860", '
    ...             b'"period": 2020, "values": [{"gender": "T", "value": 4.5}]}]}')
    ...     def post(self, url, body):
    ...         raise NotImplementedError
    >>> fetch_kolada("N00945", "1860", [2020], client=Recorded()).values
    {2020: 4.5}
    """
    wanted = sorted(set(years))
    for label, text in (("kpi", kpi), ("area", area)):
        if not _CODE.fullmatch(text):
            msg = f"{label} must be letters, digits, '-' or '_' (got {text!r})"
            raise UsageError(msg)
    if not wanted or not all(isinstance(y, int) and 1000 <= y <= 9999 for y in wanted):
        msg = f"years must be one or more four-digit years (got {wanted!r})"
        raise UsageError(msg)
    http = client if client is not None else UrllibClient()
    url: str | None = f"{base_url.rstrip('/')}/data/kpi/{kpi}/municipality/{area}/year/" + ",".join(
        str(y) for y in wanted
    )
    items: list[Any] = []
    seen: set[str] = set()
    while url is not None:
        if url in seen or len(seen) >= _MAX_PAGES:
            msg = (
                f"{url}: the pages do not end (the next page repeats or passes {_MAX_PAGES} pages)"
            )
            raise FetchError(msg)
        seen.add(url)
        page = load_json(http.get(url), url)
        page_items = page.get("values")
        if not isinstance(page_items, list):
            raise ModelError([problem(url, "values", "must be a list of data items")])
        items.extend(page_items)
        # v3 names the next page next_url; v2 (and saved v2 answers) next_page.
        following = page.get("next_url") or page.get("next_page")
        url = following if isinstance(following, str) and following else None
    return values_from_kolada(
        {"values": items, "count": len(items)}, name=f"kolada {kpi} {area}", kpi=kpi, area=area
    )


def fetch_jsonstat(
    url: str,
    query: Mapping[str, Any] | None = None,
    *,
    client: HttpClient | None = None,
    time: str | None = None,
    select: Mapping[str, str] | None = None,
) -> StatisticValues:
    """The yearly values of one series in a JSON-stat 2.0 dataset fetched from `url`.

    Args:
        url: the dataset's address: a PxWeb v2 or Eurostat GET address with its selections,
            or a PxWeb v1 table address to POST `query` to.
        query: the PxWeb v1 query (``{"query": [...], "response": {"format": "json-stat2"}}``);
            None to GET the address.
        client: the HTTP client; by default a :class:`UrllibClient`.
        time: the time dimension, as for :func:`values_from_jsonstat`.
        select: the code for every other dimension with several codes.

    Returns:
        The values as :func:`values_from_jsonstat` reads them.

    Raises:
        FetchError: the service could not be reached or answered with an error.
        ModelError: the answer is not a JSON-stat 2.0 dataset, or a dimension is not chosen.

    >>> class Recorded:
    ...     def get(self, url):
    ...         return (b'{"version": "2.0", "class": "dataset", "id": ["time"], "size": [1], '
    ...             b'"dimension": {"time": {"category": {"index": {"2020": 0}}}}, "value": [7]}')
    ...     def post(self, url, body):
    ...         raise NotImplementedError
    >>> fetch_jsonstat("https://example.org/data", client=Recorded()).values
    {2020: 7.0}
    """
    http = client if client is not None else UrllibClient()
    if query is None:
        body = http.get(url)
    else:
        body = http.post(url, json.dumps(query, ensure_ascii=False).encode("utf-8"))
    return values_from_jsonstat(body, name=url, time=time, select=select)
