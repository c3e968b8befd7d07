"""``python -m speakeasy``"""

from .cli import main

raise SystemExit(main())
