"""The model: the schema of the nodes, their validation, the graph and the `Model` that holds them.

:mod:`~insatslogik.model.schema` (the typed nodes, pydantic), :mod:`~insatslogik.model.validation`
(raw data → nodes, with the path of every problem), :mod:`~insatslogik.model.graph` (nodes → the
networkx graph, checking every link), :mod:`~insatslogik.model.assembly` (the one step every
reader ends in: raw header and nodes → `Model` or issues), :mod:`~insatslogik.model.model`
(`Model`), :mod:`~insatslogik.model.index` (its traversal index) and
:mod:`~insatslogik.model.reach` (traversals of the results chain).
"""
