package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"google.golang.org/protobuf/types/known/structpb"
)

// writeFile creates path with its parent directories.
func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestFindRunScriptInParentDirectory(t *testing.T) {
	root := t.TempDir()
	want := filepath.Join(root, runScriptPath)
	writeFile(t, want, "")
	nested := filepath.Join(root, "infra", "stacks")
	if err := os.MkdirAll(nested, 0o755); err != nil {
		t.Fatal(err)
	}

	got, err := findRunScript(nested)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("findRunScript(%q) = %q, want %q", nested, got, want)
	}
}

func TestFindRunScriptMissingPackage(t *testing.T) {
	directory := t.TempDir()

	_, err := findRunScript(directory)
	if err == nil {
		t.Fatal("expected an error when @pulumi/pulumi is not installed")
	}
	if !strings.Contains(err.Error(), "npm install") {
		t.Errorf("error %q does not tell the user to run npm install", err)
	}
	if !strings.Contains(err.Error(), directory) {
		t.Errorf("error %q does not name the directory %s", err, directory)
	}
}

func TestParseRuntimeOptionsDefaults(t *testing.T) {
	options, err := parseRuntimeOptions(nil)
	if err != nil {
		t.Fatal(err)
	}
	if !options.typeScript {
		t.Error("typeScript should default to true")
	}
	if options.tsConfigPath != "" {
		t.Errorf("tsConfigPath = %q, want empty", options.tsConfigPath)
	}
	if len(options.nodeArgs) != 0 {
		t.Errorf("nodeArgs = %q, want none", options.nodeArgs)
	}
}

func TestParseRuntimeOptionsValues(t *testing.T) {
	fields, err := structpb.NewStruct(map[string]any{
		"typescript":     false,
		"tsconfig":       "tsconfig.pulumi.json",
		"nodeargs":       "--max-old-space-size=4096  --enable-source-maps",
		"packagemanager": "pnpm",
	})
	if err != nil {
		t.Fatal(err)
	}

	options, err := parseRuntimeOptions(fields)
	if err != nil {
		t.Fatal(err)
	}
	if options.typeScript {
		t.Error("typeScript should be false")
	}
	if options.tsConfigPath != "tsconfig.pulumi.json" {
		t.Errorf("tsConfigPath = %q", options.tsConfigPath)
	}
	wantArgs := []string{"--max-old-space-size=4096", "--enable-source-maps"}
	if strings.Join(options.nodeArgs, " ") != strings.Join(wantArgs, " ") {
		t.Errorf("nodeArgs = %q, want %q", options.nodeArgs, wantArgs)
	}
}

func TestParseRuntimeOptionsWrongType(t *testing.T) {
	cases := map[string]any{"typescript": "yes", "tsconfig": true, "nodeargs": 3.0}
	for name, value := range cases {
		fields, err := structpb.NewStruct(map[string]any{name: value})
		if err != nil {
			t.Fatal(err)
		}
		_, err = parseRuntimeOptions(fields)
		if err == nil {
			t.Errorf("option %s=%v: expected an error", name, value)
			continue
		}
		if !strings.Contains(err.Error(), name) {
			t.Errorf("option %s: error %q does not name the option", name, err)
		}
	}
}

func TestReadProgramDependencies(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "package.json"), `{
		"dependencies": {"@pulumi/pulumi": "^3.0.0", "zod": "^4.0.0"},
		"devDependencies": {"typescript": "~5.9.0"}
	}`)
	writeFile(t, filepath.Join(root, "node_modules", "@pulumi", "pulumi", "package.json"),
		`{"name": "@pulumi/pulumi", "version": "3.248.0"}`)
	writeFile(t, filepath.Join(root, "node_modules", "typescript", "package.json"),
		`{"name": "typescript", "version": "5.9.3"}`)

	dependencies, err := readProgramDependencies(filepath.Join(root))
	if err != nil {
		t.Fatal(err)
	}

	var got []string
	for _, dependency := range dependencies {
		got = append(got, dependency.GetName()+"@"+dependency.GetVersion())
	}
	want := "@pulumi/pulumi@3.248.0 typescript@5.9.3 zod@^4.0.0"
	if strings.Join(got, " ") != want {
		t.Errorf("dependencies = %q, want %q", strings.Join(got, " "), want)
	}
}
