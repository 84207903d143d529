//go:script
//go:requires go 1.22

// push-metrics summarises a node-exporter textfile, archives it and pushes
// the summary to a Pushgateway. Its manifest's sandbox section says what it
// may do at run time; go-script-lint shows every line that would break there.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// Params are the script's parameters.
//
// go-script:parameters
type Params struct {
	Textfile string `json:"textfile"`
	Gateway  string `json:"gateway"`
}

const workers = 4

func main() {
	var p Params
	flag.StringVar(&p.Textfile, "textfile", "", "node-exporter textfile")
	flag.StringVar(&p.Gateway, "gateway", "", "Pushgateway URL")
	flag.Parse()

	// GSL502: the sandbox grants 2 processors.
	runtime.GOMAXPROCS(workers)

	summary, err := summarise(p.Textfile)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := archive(p.Textfile); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := push(p.Gateway, summary); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func summarise(path string) (map[string]int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	counts := map[string]int{}
	scanner := bufio.NewScanner(f)
	for scanner.Scan() {
		line := scanner.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, _, _ := strings.Cut(line, "{")
		counts[strings.Fields(name)[0]]++
	}
	return counts, scanner.Err()
}

func archive(path string) error {
	dir := filepath.Join(filepath.Dir(path), "archive")
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return err
	}
	target := filepath.Join(dir, filepath.Base(path))
	if err := os.Rename(path, target); err != nil {
		return err
	}
	// GSL501: `fchownat` is not in sandbox.syscalls.
	if err := os.Chown(target, 65534, 65534); err != nil {
		return err
	}
	// GSL504: the sandbox does not allow starting programs.
	return exec.Command("gzip", "-9", target).Run()
}

func push(gateway string, summary map[string]int) error {
	body, err := json.Marshal(summary)
	if err != nil {
		return err
	}
	// GSL503: the sandbox has no network.
	resp, err := http.Post(gateway+"/metrics/job/push-metrics", "application/json", strings.NewReader(string(body)))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
