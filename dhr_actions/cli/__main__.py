"""``python -m dhr_actions.cli``: the ``dhr`` command."""

from . import main

main()
