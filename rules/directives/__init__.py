"""GSL1xx: `//go:script` / `//go:requires` header directives against go.mod."""
