"""``speakeasy audit``: check a whole document store, here or on a Dask cluster (docs/scale.md).

* :mod:`.work`: the task a worker runs, a batch of documents checked, and the
  plain, picklable results;
* :mod:`.engines`: where batches run: here, in local processes, or on Dask;
* :mod:`.summary`: the summary, kept as results stream past;
* :mod:`.run`: an audit from start to end, writing the JSON Lines file;
* :mod:`.cli`: the command's options and what it prints.

Dask is the optional extra ``audit`` and is imported only for ``--dask``.
"""
