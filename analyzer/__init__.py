"""go-script-lint: a static analyzer for Go scripts, without a Go toolchain."""

__version__ = "0.1.0"
