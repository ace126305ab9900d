"""Files in and out: the native YAML/JSON format and every format exchanged with other tools.

One module or folder per format: :mod:`~insatslogik.formats.native` (YAML and JSON),
:mod:`~insatslogik.formats.excel` (workbooks), :mod:`~insatslogik.formats.iati` (IATI results
XML), :mod:`~insatslogik.formats.nodelink` (networkx node-link JSON),
:mod:`~insatslogik.formats.networkx` (networkx graphs in memory),
:mod:`~insatslogik.formats.convert` (between any two), :mod:`~insatslogik.formats.starter` (the
commented starter plan), and :mod:`~insatslogik.formats.files`, the one atomic writer.
"""
