"""Reporters turn results into output.

``human`` (for people, grouped by file), ``json`` (versioned schema),
``sarif`` (SARIF 2.1.0, for GitHub code scanning), ``github`` (GitHub Actions
annotations) and ``junit`` (JUnit XML, for GitLab and other CI).  Each has a
``render_stream`` that writes results as files are checked and returns an
:class:`~speakeasy.engine.Tally`.  They are imported only when used.
"""

FORMATS = ("human", "json", "sarif", "github", "junit")
