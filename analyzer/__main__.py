"""`python -m go_script_lint` runs the command-line interface."""

from go_script_lint.cli.main import main

if __name__ == "__main__":
    main()
