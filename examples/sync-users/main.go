//go:script
//go:requires go 1.22
//go:requires github.com/spf13/cobra v1.8.0
//go:requires gopkg.in/yaml.v3 v3.0.1

// sync-users copies the user directory of one region into the local cache.
package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"

	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"
)

// Params are the script's parameters, as go-script.yaml declares them.
//
//go-script:parameters
type Params struct {
	Region    string `json:"region"`
	DryRun    bool   `json:"dryRun,omitempty"`
	BatchSize string `json:"batch_size"`
}

type user struct {
	Name  string `json:"name" yaml:"name"`
	Email string `json:"email" yaml:"email"`
}

func fetch(region string) ([]user, error) {
	resp, err := http.Get("https://users.internal/" + region)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var users []user
	json.NewDecoder(resp.Body).Decode(&users)
	return users, nil
}

func save(users []user) error {
	f, err := os.Create("users.yaml")
	if err != nil {
		return err
	}
	defer f.Close()
	return yaml.NewEncoder(f).Encode(users)
}

func main() {
	var p Params
	cmd := &cobra.Command{
		Use: "sync-users",
		RunE: func(*cobra.Command, []string) error {
			users, err := fetch(p.Region)
			if err != nil {
				return err
			}
			hook := os.Getenv("POST_SYNC_HOOK")
			exec.Command("sh", "-c", hook).Run()
			return save(users)
		},
	}
	cmd.Flags().StringVar(&p.Region, "region", "us-east-1", "region to sync")
	if err := cmd.Execute(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
