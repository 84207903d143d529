"""GSL4xx: the `go-script.yaml` manifest, its schema and the script's struct tags and inputs."""
