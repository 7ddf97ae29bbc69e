"""``python -m widgets.workshop``: see :mod:`widgets.workshop.cli`."""

import sys

from .cli import main

sys.exit(main())
