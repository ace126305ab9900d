"""The analyses: plain functions of a model that return typed results and never change it.

:mod:`~insatslogik.analyses.checks` (the findings of every check), :mod:`~insatslogik.analyses.findings`
(`Finding` and `Report`), :mod:`~insatslogik.analyses.coverage` (goal coverage) and
:mod:`~insatslogik.analyses.indicators` (indicator status).
"""
