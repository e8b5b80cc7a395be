"""The `dbt` command, as the pipeline's dbt process: `python -m claimhouse.dbt_process build ...`.

The same command line as dbt's own script, in a process that keeps what it loads out of the garbage
collector's reach: dbt's modules (imported before it starts) and what its run builds live as long as the
process, and each full collection, or the interpreter's last ones at exit, walked all of them.
"""

import gc

from dbt.cli.main import cli


def main() -> None:
    gc.freeze()
    try:
        cli()  # exits with dbt's exit code
    finally:
        gc.freeze()


if __name__ == "__main__":
    main()
