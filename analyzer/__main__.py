"""`python -m go_script_lint` runs the command-line interface."""

from go_script_lint.cli.main import entry

if __name__ == "__main__":
    entry()
