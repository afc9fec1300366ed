"""The `parkcarbon` command.

`parkcarbon calc ...` and `parkcarbon template ...` run the accounting engine on files without Django; every other sub-command is a
Django management command (`parkcarbon migrate`, `parkcarbon runserver`, `parkcarbon load_demo`, ...).
`parkcarbon serve` runs the production app server (gunicorn) and `parkcarbon worker` the configured task backend's
worker (deploy/README.md).
"""

import os
import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and argv[1] in ("calc", "template"):
        from parkcarbon.engine.cli import main as calc_main

        return calc_main(argv[2:] if argv[1] == "calc" else argv[1:])
    if len(argv) > 1 and argv[1] == "releases":  # factor library releases (#23): no database needed
        from parkcarbon.engine.factor_releases import main as releases_main

        return releases_main(argv[2:])
    if len(argv) > 1 and argv[1] == "compiletranslations":
        from parkcarbon.common.i18n import compile_catalogs

        return compile_catalogs()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parkcarbon.config.settings")
    if len(argv) > 1 and argv[1] == "serve":  # production deployment (issue #22)
        from parkcarbon.ops.serve import serve

        return serve(argv[2:])
    if len(argv) > 1 and argv[1] == "worker":
        from parkcarbon.ops.serve import worker_argv

        argv = worker_argv(argv)
    from django.core.management import execute_from_command_line

    if len(argv) > 1 and argv[1] in ("db_worker", "rqworker") and "--help" not in argv:  # fail what a dead worker left running
        import django

        django.setup()
        from parkcarbon.common.jobs import worker_started

        worker_started()
    execute_from_command_line(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
