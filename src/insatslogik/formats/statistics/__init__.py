"""Indicator values from the statistics people already use: Kolada, SCB's PxWeb and Eurostat.

Reading a saved response works offline (:func:`values_from_kolada`,
:func:`values_from_jsonstat`); fetching (:func:`fetch_kolada`, :func:`fetch_jsonstat`) uses the
standard library, with a timeout, bounded retries and Kolada's paging. Both give a
:class:`StatisticValues`: one series, values by year, a missing value as None.

>>> values_from_kolada({"values": [{"kpi": "N00945", "municipality": "1860", "period": "2021",
...     "values": [{"gender": "T", "value": 12.5, "count": 1, "status": ""}]}]}).values
{2021: 12.5}
"""

from insatslogik.formats.statistics._values import StatisticValues
from insatslogik.formats.statistics.fetching import (
    KOLADA_API,
    FetchError,
    HttpClient,
    UrllibClient,
    fetch_jsonstat,
    fetch_kolada,
)
from insatslogik.formats.statistics.jsonstat import values_from_jsonstat
from insatslogik.formats.statistics.kolada import values_from_kolada
from insatslogik.formats.statistics.update import (
    Change,
    IndicatorUpdate,
    ValuesUpdate,
    update_values,
)

__all__ = [
    "KOLADA_API",
    "Change",
    "FetchError",
    "HttpClient",
    "IndicatorUpdate",
    "StatisticValues",
    "UrllibClient",
    "ValuesUpdate",
    "fetch_jsonstat",
    "fetch_kolada",
    "update_values",
    "values_from_jsonstat",
    "values_from_kolada",
]
