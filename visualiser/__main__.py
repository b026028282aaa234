"""``python -m visualiser`` is the same as the ``visualiser`` command."""

import sys

from .cli import main

sys.exit(main())
