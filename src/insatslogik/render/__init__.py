"""The outputs for people: diagrams, the interactive page, Mermaid text and tables.

:mod:`~insatslogik.render.style` (colours, shapes, headings), :mod:`~insatslogik.render.view`
(what a chain diagram shows, shared by every drawing), :mod:`~insatslogik.render.diagrams`
(Graphviz), :mod:`~insatslogik.render.mermaid`, :mod:`~insatslogik.render.page` (the interactive
page) and :mod:`~insatslogik.render.tables`.
"""
