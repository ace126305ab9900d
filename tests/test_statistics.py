"""Indicator values from Kolada and JSON-stat: the offline readers and the fetchers."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from insatslogik.errors import InsatslogikError, ModelError, UsageError
from insatslogik.formats.statistics import (
    FetchError,
    UrllibClient,
    fetch_jsonstat,
    fetch_kolada,
    values_from_jsonstat,
    values_from_kolada,
)

DATA = Path(__file__).parent / "data" / "statistics"


def kolada_item(year: int | str, **values: float | None) -> dict[str, Any]:
    """One Kolada data item in the documented shape, with values by gender code."""
    return {
        "kpi": "N00945",
        "municipality": "1860",
        "period": year,
        "values": [
            {"count": 1, "gender": gender, "status": "", "value": value}
            for gender, value in values.items()
        ],
    }


# --- Kolada -------------------------------------------------------------------------------------


def test_kolada_total_and_breakdown_by_kon() -> None:
    response = {
        "count": 2,
        "values": [
            kolada_item(2019, T=10.0, K=11.0, M=9.0),
            kolada_item("2020", T=12.5, K=None, M=12.0),
        ],
    }
    series = values_from_kolada(json.dumps(response))
    assert (series.source, series.series, series.area) == ("kolada", "N00945", "1860")
    assert series.values == {2019: 10.0, 2020: 12.5}
    assert series.breakdowns == {
        "kön": {"kvinnor": {2019: 11.0, 2020: None}, "män": {2019: 9.0, 2020: 12.0}}
    }


def test_kolada_null_is_missing_not_zero() -> None:
    series = values_from_kolada({"values": [kolada_item(2020, T=None), kolada_item(2021, T=0.0)]})
    assert series.values == {2020: None, 2021: 0.0}
    assert series.known() == {2021: 0.0}


def test_kolada_status_is_kept() -> None:
    item = kolada_item(2020, T=None)
    item["values"][0]["status"] = "Saknas"
    assert values_from_kolada({"values": [item]}).status == {2020: "Saknas"}


def test_kolada_errors_name_the_json_path() -> None:
    bad = kolada_item(2020, T=1.0)
    bad["values"][0]["gender"] = "X"
    response = {"values": [kolada_item(2019, T=1.0), {"kpi": "N00945"}, bad]}
    with pytest.raises(ModelError) as caught:
        values_from_kolada(response, name="svar.json")
    messages = [problem.message for problem in caught.value.problems]
    assert "values[2].values[0].gender: must be 'T', 'K' or 'M' (got 'X')" in messages
    assert "values[1].period: must be a year (got None)" in messages
    assert {problem.file for problem in caught.value.problems} == {"svar.json"}


def test_kolada_text_value_is_refused() -> None:
    item = kolada_item(2020, T=1.0)
    item["values"][0]["value"] = "1,5"
    with pytest.raises(ModelError, match=r"values\[0\]\.values\[0\]\.value: must be a number"):
        values_from_kolada({"values": [item]})


def test_kolada_not_json_is_located_by_line_and_column() -> None:
    with pytest.raises(ModelError) as caught:
        values_from_kolada('{"values": [\n  oops]}', name="svar.json")
    problem = caught.value.problems[0]
    assert (problem.file, problem.line, problem.column) == ("svar.json", 2, 3)


def test_kolada_several_areas_must_be_chosen() -> None:
    other = kolada_item(2020, T=5.0)
    other["municipality"] = "1880"
    response = {"values": [kolada_item(2020, T=1.0), other]}
    with pytest.raises(ModelError, match=r"several areas \['1860', '1880'\]"):
        values_from_kolada(response)
    assert values_from_kolada(response, area="1880").values == {2020: 5.0}


def test_kolada_repeated_year_and_gender_is_an_error() -> None:
    response = {"values": [kolada_item(2020, T=1.0), kolada_item(2020, T=2.0)]}
    with pytest.raises(ModelError, match=r"values\[1\]\.values\[0\]: repeats 2020 T"):
        values_from_kolada(response)


def test_kolada_response_without_values_list() -> None:
    with pytest.raises(ModelError, match="values: must be a list"):
        values_from_kolada({"count": 0})


# --- JSON-stat ----------------------------------------------------------------------------------


def pxweb_table() -> bytes:
    return (DATA / "pxweb-be0101a1.json").read_bytes()


PXWEB_SELECTION = {"region": "03", "marital status": "G", "$$SORT": "0", "sex": "2"}


def test_jsonstat_pxweb_table_reads_the_chosen_series() -> None:
    # value[41] and value[45]: region 03 (1), married (1), period (0/1), number (0), women (1).
    series = values_from_jsonstat(pxweb_table(), select=PXWEB_SELECTION)
    assert series.values == {2004: 50548.0, 2005: 50765.0}
    assert series.selection["ContentsCode"] == "EliminatedValue"  # one category: no choice needed
    assert series.area == "03"


def test_jsonstat_unchosen_dimensions_are_named_with_their_codes() -> None:
    with pytest.raises(ModelError) as caught:
        values_from_jsonstat(pxweb_table(), name="be.json", select={"region": "01"})
    messages = [problem.message for problem in caught.value.problems]
    assert "dimension.sex: has 2 codes: choose one with select={'sex': ...} (codes: 1, 2)" in (
        messages
    )
    assert len(messages) == 3  # marital status, $$SORT and sex; region was chosen


def test_jsonstat_unknown_code_lists_the_codes() -> None:
    with pytest.raises(
        ModelError, match=r"dimension\.region: has no code '99' \(codes: 01, 03, 04\)"
    ):
        values_from_jsonstat(pxweb_table(), select={**PXWEB_SELECTION, "region": "99"})


def dataset(times: list[str], value: Any, **extra: Any) -> dict[str, Any]:
    return {
        "version": "2.0",
        "class": "dataset",
        "id": ["geo", "time"],
        "size": [2, len(times)],
        "dimension": {
            "geo": {"category": {"index": {"SE": 0, "SE23": 1}}},
            "time": {"category": {"index": {t: i for i, t in enumerate(times)}}},
        },
        "value": value,
        **extra,
    }


def test_jsonstat_sparse_values_and_status_symbols() -> None:
    data = dataset(["2021", "2022", "2023"], {"3": 7.5, "5": 8.0}, status={"4": ":", "5": "p"})
    series = values_from_jsonstat(data, select={"geo": "SE23"})
    assert series.values == {2021: 7.5, 2022: None, 2023: 8.0}
    assert series.status == {2022: ":", 2023: "p"}
    assert series.area == "SE23"


def test_jsonstat_monthly_periods_are_refused() -> None:
    with pytest.raises(ModelError, match="period '2025M01' is finer than a year"):
        values_from_jsonstat(dataset(["2025M01", "2025M02"], [1, 2, 3, 4]), select={"geo": "SE"})


def test_jsonstat_quarterly_eurostat_periods_are_refused() -> None:
    with pytest.raises(ModelError, match="period '2025-Q4' is finer than a year"):
        values_from_jsonstat(dataset(["2025-Q4"], [1, 2]), select={"geo": "SE"})


def test_jsonstat_value_count_must_match_the_sizes() -> None:
    with pytest.raises(ModelError, match="value: has 3 values; the sizes make 4"):
        values_from_jsonstat(dataset(["2020", "2021"], [1, 2, 3]), select={"geo": "SE"})


def test_jsonstat_wrong_shape_is_located() -> None:
    with pytest.raises(ModelError) as caught:
        values_from_jsonstat({"class": "collection", "version": "2.0"}, name="x.json")
    messages = {problem.message for problem in caught.value.problems}
    assert "class: must be 'dataset' (got 'collection')" in messages
    assert "value: is required" in messages


def test_jsonstat_one_bundle_is_refused_with_advice() -> None:
    with pytest.raises(ModelError, match="JSON-stat 1"):
        values_from_jsonstat({"dataset": {"dimension": {}}})


def test_jsonstat_time_dimension_by_name() -> None:
    data = dataset(["2020"], [1, 2])
    data["id"] = ["geo", "år"]
    data["dimension"]["år"] = data["dimension"].pop("time")
    with pytest.raises(ModelError, match="has no dimension 'Tid'"):
        values_from_jsonstat(data, time="Tid", select={"geo": "SE"})
    assert values_from_jsonstat(data, select={"geo": "SE"}).values == {2020: 1.0}


# --- Fetching -----------------------------------------------------------------------------------


class Server:
    """A local HTTP server that answers from a script: (status, body) per request, in order."""

    def __init__(self, script: list[tuple[int, bytes]]) -> None:
        self.script = list(script)
        self.requests: list[tuple[str, str, bytes]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                outer.requests.append((self.command, self.path, self.rfile.read(length)))
                status, body = outer.script.pop(0) if outer.script else (404, b"")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                if status == 429:
                    self.send_header("Retry-After", "7")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = answer  # noqa: N815 (the name http.server calls)
            do_POST = answer  # noqa: N815 (the name http.server calls)

            def log_message(self, format: str, *args: Any) -> None:
                """Keep the test output quiet."""

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)


@pytest.fixture
def serve() -> Iterator[Any]:
    servers: list[Server] = []

    def start(script: list[tuple[int, bytes]]) -> Server:
        server = Server(script)
        server.thread.start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.httpd.shutdown()
        server.httpd.server_close()


def quick_client() -> UrllibClient:
    waits: list[float] = []
    return UrllibClient(timeout=5, retries=2, backoff=0.01, sleep=waits.append)


def test_fetch_kolada_follows_pages_and_retries_a_503(serve: Any) -> None:
    server = serve([])
    page_two = f"{server.url}/v3/data/kpi/N00945/municipality/1860/year/2019,2020?page=2"
    first = {"count": 1, "values": [kolada_item(2019, T=1.0, K=1.5)], "next_page": page_two}
    second = {"count": 1, "values": [kolada_item(2020, T=2.0, K=2.5)]}
    server.script.extend(
        [(503, b"busy"), (200, json.dumps(first).encode()), (200, json.dumps(second).encode())]
    )
    series = fetch_kolada(
        "N00945", "1860", [2020, 2019], client=quick_client(), base_url=f"{server.url}/v3"
    )
    assert series.values == {2019: 1.0, 2020: 2.0}
    assert series.breakdowns == {"kön": {"kvinnor": {2019: 1.5, 2020: 2.5}}}
    paths = [path for _, path, _ in server.requests]
    assert paths == [
        "/v3/data/kpi/N00945/municipality/1860/year/2019,2020",
        "/v3/data/kpi/N00945/municipality/1860/year/2019,2020",
        "/v3/data/kpi/N00945/municipality/1860/year/2019,2020?page=2",
    ]


def test_fetch_gives_up_after_the_retries(serve: Any) -> None:
    server = serve([(503, b""), (503, b""), (503, b""), (200, b"{}")])
    waits: list[float] = []
    client = UrllibClient(timeout=5, retries=2, backoff=0.5, sleep=waits.append)
    with pytest.raises(FetchError, match="answered 503"):
        client.get(f"{server.url}/x")
    assert waits == [0.5, 1.0]  # doubling backoff, bounded: three attempts in all
    assert len(server.requests) == 3


def test_fetch_does_not_retry_a_404(serve: Any) -> None:
    server = serve([(404, b"")])
    with pytest.raises(FetchError, match="answered 404"):
        quick_client().get(f"{server.url}/nothing")
    assert len(server.requests) == 1


def test_fetch_when_offline_is_a_fetch_error() -> None:
    # Port 9 (discard) on loopback has nothing listening here: the connection is refused.
    client = UrllibClient(timeout=2, retries=1, backoff=0, sleep=lambda _: None)
    with pytest.raises(FetchError, match="no connection") as caught:
        fetch_kolada("N00945", "1860", [2020], client=client, base_url="http://127.0.0.1:9/v3")
    assert isinstance(caught.value, InsatslogikError)
    assert isinstance(caught.value, OSError)


def test_fetch_kolada_refuses_codes_that_would_change_the_address() -> None:
    with pytest.raises(UsageError, match="area must be"):
        fetch_kolada("N00945", "1860/../x", [2020], client=quick_client())
    with pytest.raises(UsageError, match="years must be"):
        fetch_kolada("N00945", "1860", [], client=quick_client())


def test_fetch_kolada_stops_a_page_loop(serve: Any) -> None:
    server = serve([])
    loop = f"{server.url}/v3/data/kpi/N00945/municipality/1860/year/2020"
    page = json.dumps({"values": [], "next_page": loop}).encode()
    server.script.extend([(200, page), (200, page)])
    with pytest.raises(FetchError, match="pages do not end"):
        fetch_kolada("N00945", "1860", [2020], client=quick_client(), base_url=f"{server.url}/v3")


def test_fetch_jsonstat_posts_the_pxweb_query(serve: Any) -> None:
    server = serve([(200, pxweb_table())])
    query = {"query": [], "response": {"format": "json-stat2"}}
    series = fetch_jsonstat(
        f"{server.url}/api/v1/sv/ssd/BE/BE0101A1",
        query,
        client=quick_client(),
        select=PXWEB_SELECTION,
    )
    assert series.values == {2004: 50548.0, 2005: 50765.0}
    method, path, body = server.requests[0]
    assert (method, path, json.loads(body)) == ("POST", "/api/v1/sv/ssd/BE/BE0101A1", query)


def test_fetch_jsonstat_gets_without_a_query(serve: Any) -> None:
    server = serve([(200, json.dumps(dataset(["2020"], [1, 2])).encode())])
    series = fetch_jsonstat(
        f"{server.url}/data?geo=SE", client=quick_client(), select={"geo": "SE"}
    )
    assert series.values == {2020: 1.0}
    assert server.requests[0][0] == "GET"


def test_fetch_waits_as_retry_after_asks(serve: Any) -> None:
    server = serve([(429, b""), (200, b"{}")])
    waits: list[float] = []
    client = UrllibClient(timeout=5, retries=1, backoff=0.5, sleep=waits.append)
    assert client.get(f"{server.url}/x") == b"{}"
    assert waits == [7.0]


def test_fetch_kolada_follows_next_url_as_well(serve: Any) -> None:
    server = serve([])
    nxt = f"{server.url}/v3/data/kpi/N00945/municipality/1860/year/2020?page=2"
    first = {"values": [kolada_item(2019, T=1.0)], "next_url": nxt}
    second = {"values": [kolada_item(2020, T=2.0)]}
    server.script.extend([(200, json.dumps(first).encode()), (200, json.dumps(second).encode())])
    series = fetch_kolada(
        "N00945", "1860", [2019, 2020], client=quick_client(), base_url=f"{server.url}/v3"
    )
    assert series.values == {2019: 1.0, 2020: 2.0}
    assert len(server.requests) == 2
