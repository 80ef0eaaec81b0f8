"""`python -m claimcheck` works like the `claimcheck` command."""

from claimcheck.cli import main

main(prog_name="claimcheck")
