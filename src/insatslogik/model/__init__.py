"""The model: the schema of the nodes, their validation, the graph and the `Model` that holds them.

:mod:`~insatslogik.model.schema` (the typed nodes, pydantic), :mod:`~insatslogik.model.validation`
(raw data → nodes, with the path of every problem), :mod:`~insatslogik.model.graph` (nodes → the
networkx graph, checking every link), :mod:`~insatslogik.model.model` (`Model`) and
:mod:`~insatslogik.model.reach` (traversals of the results chain).
"""
