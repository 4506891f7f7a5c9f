package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// fakeRunner replaces @pulumi/pulumi/cmd/run: it writes its arguments, working directory
// and the environment variables the host sets to report.json, then exits with the code stored
// in the stack config key "test:exitCode".
const fakeRunner = `
const fs = require("fs");
const config = JSON.parse(process.env.PULUMI_CONFIG);
fs.writeFileSync(__dirname + "/report.json", JSON.stringify({
  args: process.argv.slice(2),
  cwd: process.cwd(),
  config: process.env.PULUMI_CONFIG,
  secretKeys: process.env.PULUMI_CONFIG_SECRET_KEYS,
  typeScript: process.env.PULUMI_NODEJS_TYPESCRIPT,
}));
process.exit(Number(config["test:exitCode"]));
`

type runnerReport struct {
	Args       []string `json:"args"`
	Cwd        string   `json:"cwd"`
	Config     string   `json:"config"`
	SecretKeys string   `json:"secretKeys"`
	TypeScript string   `json:"typeScript"`
}

// runFakeProgram runs a program in directory whose runner exits with exitCode, and returns the
// response and the runner's report.
func runFakeProgram(
	t *testing.T, directory, exitCode string,
) (*pulumirpc.RunResponse, runnerReport) {
	t.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node is not on PATH")
	}
	runScript := filepath.Join(directory, runScriptPath)
	writeFile(t, runScript, fakeRunner)

	host := newLanguageHost("127.0.0.1:5000", "")
	response, err := host.Run(context.Background(), &pulumirpc.RunRequest{
		Project:          "demo",
		Stack:            "dev",
		Pwd:              directory,
		MonitorAddress:   "127.0.0.1:6000",
		Config:           map[string]string{"test:exitCode": exitCode, "test:token": "s3cret"},
		ConfigSecretKeys: []string{"test:token"},
		DryRun:           true,
		Parallel:         8,
		Organization:     "organization",
		Info: &pulumirpc.ProgramInfo{
			RootDirectory:    directory,
			ProgramDirectory: directory,
			EntryPoint:       ".",
		},
	})
	if err != nil {
		t.Fatal(err)
	}

	var report runnerReport
	data, err := os.ReadFile(filepath.Join(filepath.Dir(runScript), "report.json"))
	if err != nil {
		t.Fatalf("the runner did not start: %v", err)
	}
	if err := json.Unmarshal(data, &report); err != nil {
		t.Fatal(err)
	}
	return response, report
}

func TestRunPassesFlagsAndConfig(t *testing.T) {
	directory := t.TempDir()
	response, report := runFakeProgram(t, directory, "0")

	if response.GetError() != "" || response.GetBail() {
		t.Errorf("response = %v, want success", response)
	}
	for _, flag := range []string{
		"--monitor=127.0.0.1:6000", "--engine=127.0.0.1:5000", "--organization=organization",
		"--project=demo", "--stack=dev", "--dry-run", "--parallel=8",
	} {
		if !slices.Contains(report.Args, flag) {
			t.Errorf("runner arguments %q lack %s", report.Args, flag)
		}
	}
	if report.Cwd != directory {
		t.Errorf("runner working directory = %q, want the program directory %q", report.Cwd, directory)
	}
	if last := report.Args[len(report.Args)-1]; last != "." {
		t.Errorf("entry point = %q, want \".\"", last)
	}
	if !strings.Contains(report.Config, `"test:token":"s3cret"`) {
		t.Errorf("PULUMI_CONFIG = %s", report.Config)
	}
	if report.SecretKeys != `["test:token"]` {
		t.Errorf("PULUMI_CONFIG_SECRET_KEYS = %s", report.SecretKeys)
	}
	if report.TypeScript != "true" {
		t.Errorf("PULUMI_NODEJS_TYPESCRIPT = %q, want true", report.TypeScript)
	}
}

func TestRunExitCode32IsBail(t *testing.T) {
	response, _ := runFakeProgram(t, t.TempDir(), "32")

	if !response.GetBail() {
		t.Error("exit code 32 should set bail")
	}
	if response.GetError() != "" {
		t.Errorf("bail should carry no error, got %q", response.GetError())
	}
}

func TestRunOtherExitCodeIsError(t *testing.T) {
	response, _ := runFakeProgram(t, t.TempDir(), "3")

	if response.GetBail() {
		t.Error("exit code 3 should not set bail")
	}
	if !strings.Contains(response.GetError(), "exited with code 3") {
		t.Errorf("error = %q, want it to name exit code 3", response.GetError())
	}
}

func TestRunWithoutPulumiPackage(t *testing.T) {
	directory := t.TempDir()
	host := newLanguageHost("", "")

	response, err := host.Run(context.Background(), &pulumirpc.RunRequest{
		Pwd:  directory,
		Info: &pulumirpc.ProgramInfo{ProgramDirectory: directory, EntryPoint: "."},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(response.GetError(), "@pulumi/pulumi was not found") {
		t.Errorf("error = %q, want it to say that @pulumi/pulumi was not found", response.GetError())
	}
}
