package main

import (
	"context"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/emptypb"
)

// nodeVersionTimeout bounds `node --version`, which About runs.
const nodeVersionTimeout = 10 * time.Second

// languageHost implements the parts of pulumirpc.LanguageRuntimeServer that `pulumi up`,
// `preview`, `refresh`, `destroy`, `stack` and `about` use. The embedded Unimplemented server
// returns codes.Unimplemented for every other method (code generation, `pulumi new` templates,
// policy packs, plugin programs, dependency installation).
type languageHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	mutex         sync.Mutex
	engineAddress string
	tracing       string
}

func newLanguageHost(engineAddress, tracing string) *languageHost {
	return &languageHost{engineAddress: engineAddress, tracing: tracing}
}

// Handshake records the engine address. The engine sends it when it attaches to an already
// running host through PULUMI_DEBUG_LANGUAGES instead of passing it on the command line.
func (h *languageHost) Handshake(
	_ context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	h.mutex.Lock()
	defer h.mutex.Unlock()
	if req.GetEngineAddress() != "" {
		h.engineAddress = req.GetEngineAddress()
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *languageHost) currentEngineAddress() string {
	h.mutex.Lock()
	defer h.mutex.Unlock()
	return h.engineAddress
}

// GetPluginInfo returns the version stamped into the binary at build time.
func (h *languageHost) GetPluginInfo(
	context.Context, *emptypb.Empty,
) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version.Version}, nil
}

// GetRequiredPlugins reports no plugins. Programs here use only dynamic providers, whose plugin
// (pulumi-resource-pulumi-nodejs) the engine finds on PATH when the first dynamic resource is
// registered. Provider packages such as @pulumi/aws are not scanned for.
func (h *languageHost) GetRequiredPlugins(
	context.Context, *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

// GetRequiredPackages reports no packages, for the reason given on GetRequiredPlugins.
func (h *languageHost) GetRequiredPackages(
	context.Context, *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

// GetProgramDependencies lists the packages declared in the program's package.json, with the
// version installed in node_modules where one is found. `pulumi about` prints this list.
func (h *languageHost) GetProgramDependencies(
	_ context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	dependencies, err := readProgramDependencies(programDirectory(req.GetInfo(), req.GetPwd()))
	if err != nil {
		return nil, err
	}
	return &pulumirpc.GetProgramDependenciesResponse{Dependencies: dependencies}, nil
}

// About returns the path and version of the `node` executable on PATH.
func (h *languageHost) About(
	ctx context.Context, _ *pulumirpc.AboutRequest,
) (*pulumirpc.AboutResponse, error) {
	nodePath, err := exec.LookPath("node")
	if err != nil {
		return nil, errNodeNotFound(err)
	}

	versionCtx, cancel := context.WithTimeout(ctx, nodeVersionTimeout)
	defer cancel()
	output, err := exec.CommandContext(versionCtx, nodePath, "--version").Output()
	if err != nil {
		logging.V(5).Infof("`%s --version` failed: %v", nodePath, err)
		return &pulumirpc.AboutResponse{Executable: nodePath}, nil
	}
	nodeVersion := strings.TrimPrefix(strings.TrimSpace(string(output)), "v")
	return &pulumirpc.AboutResponse{Executable: nodePath, Version: nodeVersion}, nil
}
