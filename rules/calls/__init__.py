"""GSL2xx: dangerous calls (execution, deletion, environment, unsafe code, permissions, TLS)."""
