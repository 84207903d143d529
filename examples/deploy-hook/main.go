//go:script
//go:requires go 1.21

// deploy-hook is called by the CI system after a successful build.
package main

import (
	"crypto/tls"
	"net/http"
	"os"
	"os/exec"
)

const deployer = "/usr/local/bin/deploy"

func client() *http.Client {
	return &http.Client{Transport: &http.Transport{
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true},
	}}
}

func main() {
	os.Setenv("PATH", "/opt/ci/bin:"+os.Getenv("PATH"))
	// The deployer binary is pinned by absolute path: this call is fine.
	if err := exec.Command(deployer, "--env", "staging").Run(); err != nil {
		os.Exit(1)
	}
	resp, err := client().Get("https://status.internal/notify")
	if err != nil {
		os.Exit(2)
	}
	resp.Body.Close()
}
