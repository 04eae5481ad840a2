"""Subcommands of the ``overrefusal`` CLI; each module exposes HELP, add_arguments() and run()."""
