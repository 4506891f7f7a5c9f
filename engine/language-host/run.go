package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// bailExitCode is the exit code with which @pulumi/pulumi's program runner reports that it has
// already shown the error to the user, so the engine should stop without printing more.
const bailExitCode = 32

// programStopGrace is how long a program may take to exit after it was sent SIGINT because the
// engine cancelled the run. After that it is killed.
const programStopGrace = 5 * time.Second

// Run starts the program with @pulumi/pulumi's runner (`node <runner> <flags> <entry point>`)
// from the program directory and waits for it. The program's stdout and stderr go to this host's
// stdout and stderr, which the engine shows to the user.
func (h *languageHost) Run(
	ctx context.Context, req *pulumirpc.RunRequest,
) (*pulumirpc.RunResponse, error) {
	directory := programDirectory(req.GetInfo(), req.GetPwd())

	options, err := parseRuntimeOptions(req.GetInfo().GetOptions())
	if err != nil {
		return failedRun(directory, err), nil
	}
	runScript, err := findRunScript(directory)
	if err != nil {
		return failedRun(directory, err), nil
	}
	nodePath, err := exec.LookPath("node")
	if err != nil {
		return failedRun(directory, errNodeNotFound(err)), nil
	}
	environment, err := programEnvironment(os.Environ(), req, options)
	if err != nil {
		return nil, err
	}

	args := runnerArguments(runScript, req, h.currentEngineAddress(), h.tracing, options)
	cmd := exec.CommandContext(ctx, nodePath, args...)
	cmd.Dir = directory
	cmd.Env = environment
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = programStopGrace

	logging.V(5).Infof("starting program in %s: node %s", directory, strings.Join(args, " "))
	runErr := cmd.Run()
	logging.V(5).Infof("program in %s finished: %v", directory, runErr)
	return runResponse(runErr, directory), nil
}

// failedRun logs why the program could not be started and returns that reason as the run's
// error, which the engine shows to the user.
func failedRun(directory string, err error) *pulumirpc.RunResponse {
	logging.V(3).Infof("cannot run the program in %s: %v", directory, err)
	return &pulumirpc.RunResponse{Error: err.Error()}
}

// runnerArguments builds node's argument list: node options from the `nodeargs` runtime option,
// the runner script, the runner's flags, the entry point and the program's own arguments.
func runnerArguments(
	runScript string, req *pulumirpc.RunRequest, engineAddress, tracing string, options runtimeOptions,
) []string {
	args := append([]string{}, options.nodeArgs...)
	args = append(args, runScript, "--monitor="+req.GetMonitorAddress())

	optional := []struct{ name, value string }{
		{"engine", engineAddress},
		{"organization", req.GetOrganization()},
		{"project", req.GetProject()},
		{"root-directory", req.GetInfo().GetRootDirectory()},
		{"stack", req.GetStack()},
		{"pwd", req.GetPwd()},
		{"tracing", tracing},
	}
	for _, flag := range optional {
		if flag.value != "" {
			args = append(args, "--"+flag.name+"="+flag.value)
		}
	}
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	if req.GetParallel() > 1 {
		args = append(args, "--parallel="+strconv.Itoa(int(req.GetParallel())))
	}

	args = append(args, entryPoint(req))
	return append(args, req.GetArgs()...)
}

// entryPoint returns the program path relative to the program directory. "." makes the runner
// use the `main` or `exports` entry of package.json, and index.ts or index.js otherwise.
func entryPoint(req *pulumirpc.RunRequest) string {
	if entry := req.GetInfo().GetEntryPoint(); entry != "" {
		return entry
	}
	if entry := req.GetProgram(); entry != "" { //nolint:staticcheck // older engines send only this
		return entry
	}
	return "."
}

// programEnvironment adds the stack configuration and the TypeScript switches that the runner
// reads from the environment. Later entries override earlier ones in os/exec, so the values
// set here win over any inherited from the engine.
func programEnvironment(
	base []string, req *pulumirpc.RunRequest, options runtimeOptions,
) ([]string, error) {
	config := req.GetConfig()
	if config == nil {
		config = map[string]string{}
	}
	configJSON, err := json.Marshal(config)
	if err != nil {
		return nil, fmt.Errorf("failed to encode the stack configuration: %w", err)
	}

	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretKeysJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, fmt.Errorf("failed to encode the secret configuration keys: %w", err)
	}

	environment := append([]string{}, base...)
	environment = append(environment,
		"PULUMI_CONFIG="+string(configJSON),
		"PULUMI_CONFIG_SECRET_KEYS="+string(secretKeysJSON),
		"PULUMI_NODEJS_TYPESCRIPT="+strconv.FormatBool(options.typeScript),
	)
	if options.tsConfigPath != "" {
		environment = append(environment, "PULUMI_NODEJS_TSCONFIG_PATH="+options.tsConfigPath)
	}
	return environment, nil
}

// runResponse turns the way node exited into the engine's result: success, bail (the runner
// has already reported the error) or an error message.
func runResponse(runErr error, directory string) *pulumirpc.RunResponse {
	if runErr == nil {
		return &pulumirpc.RunResponse{}
	}

	var exitErr *exec.ExitError
	if !errors.As(runErr, &exitErr) {
		return &pulumirpc.RunResponse{
			Error: fmt.Sprintf("failed to run the Node.js program in %s: %v", directory, runErr),
		}
	}
	if exitErr.ExitCode() == bailExitCode {
		return &pulumirpc.RunResponse{Bail: true}
	}
	if exitErr.ExitCode() < 0 {
		return &pulumirpc.RunResponse{
			Error: fmt.Sprintf("the Node.js program in %s was stopped: %v", directory, exitErr),
		}
	}
	return &pulumirpc.RunResponse{Error: fmt.Sprintf(
		"the Node.js program in %s exited with code %d", directory, exitErr.ExitCode())}
}

func errNodeNotFound(cause error) error {
	return fmt.Errorf("node was not found on PATH (install Node.js 20 or later): %w", cause)
}
