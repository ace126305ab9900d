"""The analyses: plain functions of a model that return typed results and never change it.

:mod:`~insatslogik.analyses.checks` (the findings of every check), :mod:`~insatslogik.analyses.findings`
(`Finding` and `Report`; their codes are :mod:`insatslogik.codes`'), :mod:`~insatslogik.analyses.coverage`
(goal coverage), :mod:`~insatslogik.analyses.indicators` (indicator status),
:mod:`~insatslogik.analyses.tables` (the plan matrix and indicator summary as rows of cells),
:mod:`~insatslogik.analyses.followup` (the follow-up calendar and the evaluation matrix),
:mod:`~insatslogik.analyses.followup_checks` (the findings about the follow-up plan) and
:mod:`~insatslogik.analyses.claims` (queries over links, assumptions and assessments).
"""
