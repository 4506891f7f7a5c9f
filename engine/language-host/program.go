package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/structpb"
)

// runScriptPath is the program runner inside the @pulumi/pulumi package, which is the target
// of require.resolve("@pulumi/pulumi/cmd/run").
var runScriptPath = filepath.Join("node_modules", "@pulumi", "pulumi", "cmd", "run", "index.js")

// runtimeOptions are the `runtime.options` of Pulumi.yaml that this host supports.
type runtimeOptions struct {
	// typeScript makes the runner compile .ts programs with ts-node (option `typescript`,
	// default true).
	typeScript bool
	// tsConfigPath is the tsconfig file the runner passes to ts-node (option `tsconfig`).
	tsConfigPath string
	// nodeArgs are extra node options, such as --max-old-space-size=4096 (option `nodeargs`,
	// split on white space).
	nodeArgs []string
}

// parseRuntimeOptions reads the supported options and rejects values of the wrong type. Options
// meant for the official host, such as `packagemanager`, are ignored.
func parseRuntimeOptions(options *structpb.Struct) (runtimeOptions, error) {
	parsed := runtimeOptions{typeScript: true}
	fields := options.GetFields()

	if value, ok := fields["typescript"]; ok {
		typeScript, isBool := value.GetKind().(*structpb.Value_BoolValue)
		if !isBool {
			return parsed, errors.New("invalid runtime option typescript: expected true or false")
		}
		parsed.typeScript = typeScript.BoolValue
	}

	tsConfigPath, err := stringOption(fields, "tsconfig")
	if err != nil {
		return parsed, err
	}
	parsed.tsConfigPath = tsConfigPath

	nodeArgs, err := stringOption(fields, "nodeargs")
	if err != nil {
		return parsed, err
	}
	parsed.nodeArgs = strings.Fields(nodeArgs)
	return parsed, nil
}

// stringOption returns the named option, or "" when it is not set.
func stringOption(fields map[string]*structpb.Value, name string) (string, error) {
	value, ok := fields[name]
	if !ok {
		return "", nil
	}
	text, isString := value.GetKind().(*structpb.Value_StringValue)
	if !isString {
		return "", fmt.Errorf("invalid runtime option %s: expected a string", name)
	}
	return text.StringValue, nil
}

// programDirectory returns the directory that contains the program, falling back to the
// working directory that older engines send instead of ProgramInfo.
func programDirectory(info *pulumirpc.ProgramInfo, pwd string) string {
	if directory := info.GetProgramDirectory(); directory != "" {
		return directory
	}
	return pwd
}

// findRunScript looks for @pulumi/pulumi's runner in node_modules of start and each parent
// directory, the same folders that Node.js searches for a bare package name.
func findRunScript(start string) (string, error) {
	path, err := findUpward(start, runScriptPath)
	if errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("@pulumi/pulumi was not found in node_modules of %s or its parent "+
			"directories: run `npm install` in the program directory", start)
	}
	if err != nil {
		return "", fmt.Errorf("failed to look for @pulumi/pulumi from %s: %w", start, err)
	}
	return path, nil
}

// findUpward returns the first existing start/relative, parent/relative, and so on up to the
// file system root.
func findUpward(start, relative string) (string, error) {
	directory, err := filepath.Abs(start)
	if err != nil {
		return "", err
	}
	for {
		candidate := filepath.Join(directory, relative)
		if _, err := os.Stat(candidate); err == nil {
			return candidate, nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}

		parent := filepath.Dir(directory)
		if parent == directory {
			return "", fs.ErrNotExist
		}
		directory = parent
	}
}

// packageManifest is the part of package.json that this host reads.
type packageManifest struct {
	Version         string            `json:"version"`
	Dependencies    map[string]string `json:"dependencies"`
	DevDependencies map[string]string `json:"devDependencies"`
}

func readPackageManifest(path string) (packageManifest, error) {
	var manifest packageManifest
	data, err := os.ReadFile(path)
	if err != nil {
		return manifest, err
	}
	if err := json.Unmarshal(data, &manifest); err != nil {
		return manifest, fmt.Errorf("invalid JSON in %s: %w", path, err)
	}
	return manifest, nil
}

// readProgramDependencies lists the dependencies and devDependencies of the nearest
// package.json, sorted by name. Each version is the installed one from node_modules, or the
// declared range when the package is not installed.
func readProgramDependencies(directory string) ([]*pulumirpc.DependencyInfo, error) {
	manifestPath, err := findUpward(directory, "package.json")
	if err != nil {
		return nil, fmt.Errorf("no package.json found in %s or its parent directories: %w",
			directory, err)
	}
	manifest, err := readPackageManifest(manifestPath)
	if err != nil {
		return nil, err
	}

	declared := map[string]string{}
	for name, versionRange := range manifest.DevDependencies {
		declared[name] = versionRange
	}
	for name, versionRange := range manifest.Dependencies {
		declared[name] = versionRange
	}

	packageRoot := filepath.Dir(manifestPath)
	dependencies := make([]*pulumirpc.DependencyInfo, 0, len(declared))
	for name, versionRange := range declared {
		version := versionRange
		installed, err := findUpward(packageRoot, filepath.Join("node_modules", name, "package.json"))
		if err == nil {
			if installedManifest, err := readPackageManifest(installed); err == nil {
				version = installedManifest.Version
			}
		}
		dependencies = append(dependencies, &pulumirpc.DependencyInfo{Name: name, Version: version})
	}
	sort.Slice(dependencies, func(i, j int) bool {
		return dependencies[i].GetName() < dependencies[j].GetName()
	})
	return dependencies, nil
}
