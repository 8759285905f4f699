// Command pulumi-language-nodejs is a minimal Node.js language host for the Pulumi engine,
// written for this project's end-to-end tests and built by scripts/provide-pulumi.sh.
//
// Why it exists: Pulumi's own host (module
// github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3) is not served by the Go
// module proxy these machines reach (403 "This module version is not available"), and the CLI
// npm package downloads its binaries from the web. The engine itself (pkg/v3 + sdk/v3) is served.
//
// What it does: it is only the launcher between the engine and Pulumi's Node.js runtime. The
// engine starts it with the engine's address as the last argument; it serves the
// LanguageRuntime gRPC service on 127.0.0.1 and prints its port. Run starts
// `node <project>/node_modules/@pulumi/pulumi/cmd/run` (the entry point Pulumi's own host
// starts) with the same flags and environment (PULUMI_CONFIG, PULUMI_CONFIG_SECRET_KEYS,
// PULUMI_NODEJS_TYPESCRIPT); everything else (the program, resource registration, the
// dynamic-provider host, the deployment engine, state and secrets) is Pulumi's own code.
//
// RunPlugin starts `node <project>/node_modules/@pulumi/pulumi/cmd/run-plugin <plugin dir> <args>`
// for a plugin directory whose PulumiPlugin.yaml says `runtime: nodejs`, streaming its output.
//
// Deliberately left out: plugin discovery from node_modules (GetRequiredPackages answers with
// none, so the engine loads only the providers a program registers, from PATH), dependency
// installation where @pulumi/pulumi already resolves (InstallDependencies runs the package manager
// only for a directory without it, such as a plugin that `pulumi plugin install --file` extracted),
// `pulumi about`, code generation and ts-node options beyond `typescript`.
//
// It is compiled inside the downloaded pkg/v3 module, so it uses exactly the CLI's
// dependencies and adds none.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/nodejs/npm"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

func main() {
	engineAddress, tracing := parseArgs(os.Args[1:])
	serve("pulumi-language-nodejs", engineAddress, &nodeHost{baseHost: baseHost{engineAddress: engineAddress, tracing: tracing}})
}

// nodeHost is the LanguageRuntime service of this host (see the package comment).
type nodeHost struct {
	baseHost
}

// Run starts Pulumi's Node.js runtime entry point on the program and waits for it.
func (h *nodeHost) Run(_ context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	if info == nil {
		return nil, errors.New("RunRequest.info is missing: this host needs an engine of 3.100 or newer")
	}
	runPath, err := findEntryPoint(info.GetProgramDirectory(), "run")
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	node, err := exec.LookPath("node")
	if err != nil {
		return &pulumirpc.RunResponse{Error: "could not find node on the PATH"}, nil
	}

	engineAddress := h.engine()

	args := []string{runPath}
	add := func(flag, value string) {
		if value != "" {
			args = append(args, "--"+flag, value)
		}
	}
	add("monitor", req.GetMonitorAddress())
	add("engine", engineAddress)
	add("organization", req.GetOrganization())
	add("project", req.GetProject())
	add("stack", req.GetStack())
	add("pwd", req.GetPwd())
	add("root-directory", info.GetRootDirectory())
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	add("parallel", strconv.Itoa(int(req.GetParallel())))
	program := info.GetEntryPoint()
	if program == "" {
		program = "."
	}
	if program != "." {
		program = filepath.Join(info.GetProgramDirectory(), program)
	}
	args = append(args, program)
	args = append(args, req.GetArgs()...)

	config, secretKeys, err := configJSON(req)
	if err != nil {
		return nil, err
	}

	env := append(os.Environ(),
		"PULUMI_CONFIG="+config,
		"PULUMI_CONFIG_SECRET_KEYS="+secretKeys,
		"PULUMI_NODEJS_TYPESCRIPT="+strconv.FormatBool(typeScriptOption(info)),
	)

	cmd := exec.Command(node, args...)
	cmd.Dir = info.GetProgramDirectory()
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	cmd.Env = env
	return runResponse(cmd.Run(), "the Node.js program"), nil
}

// InstallDependencies installs a project's or a plugin directory's npm dependencies with the
// package manager Pulumi's own host picks (sdk/v3's nodejs/npm: the `packagemanager` runtime
// option, else from the lockfile, else npm), unless @pulumi/pulumi already resolves from the
// directory (npm ci already ran, or the e2e tests linked node_modules): then it leaves it alone.
// `pulumi install`, `pulumi package add <plugin dir>` and `pulumi plugin install --file` call it.
func (h *nodeHost) InstallDependencies(req *pulumirpc.InstallDependenciesRequest,
	server grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse],
) error {
	dir := req.GetDirectory()
	packageManager := npm.AutoPackageManager
	if info := req.GetInfo(); info != nil {
		if info.GetProgramDirectory() != "" {
			dir = info.GetProgramDirectory()
		}
		if pm, ok := info.GetOptions().AsMap()["packagemanager"].(string); ok && pm != "" {
			packageManager = npm.PackageManagerType(pm)
		}
	}
	if _, err := findEntryPoint(dir, "run"); err == nil {
		return server.Send(&pulumirpc.InstallDependenciesResponse{
			Stdout: []byte("pulumi-language-nodejs: @pulumi/pulumi resolves from " + dir + "; nothing to install\n"),
		})
	}
	closer, stdout, stderr, err := rpcutil.MakeInstallDependenciesStreams(server, req.GetIsTerminal())
	if err != nil {
		return err
	}
	defer closer.Close()
	fmt.Fprintf(stdout, "Installing dependencies in %s...\n", dir)
	name, err := npm.Install(server.Context(), packageManager, dir, false /*production*/, stdout, stderr)
	if err != nil {
		return fmt.Errorf("installing the dependencies of %s with %s: %w", dir, name, err)
	}
	fmt.Fprintf(stdout, "Finished installing dependencies with %s\n", name)
	return nil
}

// RunPlugin starts a Node.js plugin (a directory with PulumiPlugin.yaml) through Pulumi's
// run-plugin entry point and streams its stdout, stderr and exit code to the engine.
func (h *nodeHost) RunPlugin(req *pulumirpc.RunPluginRequest,
	server grpc.ServerStreamingServer[pulumirpc.RunPluginResponse],
) error {
	info := req.GetInfo()
	programDir := req.GetPwd()
	if info != nil && info.GetProgramDirectory() != "" {
		programDir = info.GetProgramDirectory()
	}
	runPath, err := findEntryPoint(programDir, "run-plugin")
	if err != nil {
		return err
	}
	node, err := exec.LookPath("node")
	if err != nil {
		return errors.New("could not find node on the PATH")
	}
	args := append([]string{runPath, programDir}, req.GetArgs()...)
	cmd := exec.Command(node, args...)
	cmd.Dir = req.GetPwd()
	cmd.Env = req.GetEnv()
	var sendMu sync.Mutex
	send := func(resp *pulumirpc.RunPluginResponse) {
		sendMu.Lock()
		defer sendMu.Unlock()
		_ = server.Send(resp)
	}
	cmd.Stdout = writerFunc(func(p []byte) {
		send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stdout{Stdout: append([]byte(nil), p...)}})
	})
	cmd.Stderr = writerFunc(func(p []byte) {
		send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stderr{Stderr: append([]byte(nil), p...)}})
	})
	code := 0
	if err := cmd.Run(); err != nil {
		var exitErr *exec.ExitError
		if !errors.As(err, &exitErr) {
			return fmt.Errorf("could not run node: %w", err)
		}
		code = exitErr.ExitCode()
	}
	send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: int32(code)}})
	return nil
}

// typeScriptOption reads the project's `runtime.options.typescript` (Pulumi's default: true).
func typeScriptOption(info *pulumirpc.ProgramInfo) bool {
	if opts := info.GetOptions(); opts != nil {
		if v, ok := opts.GetFields()["typescript"]; ok {
			return v.GetBoolValue()
		}
	}
	return true
}

// findEntryPoint looks for node_modules/@pulumi/pulumi/cmd/<name> from the program directory
// upwards, as Node's module resolution would.
func findEntryPoint(programDir, name string) (string, error) {
	dir := programDir
	for {
		candidate := filepath.Join(dir, "node_modules", "@pulumi", "pulumi", "cmd", name)
		if st, err := os.Stat(candidate); err == nil && st.IsDir() {
			return candidate, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("it looks like the Pulumi SDK has not been installed: no "+
				"node_modules/@pulumi/pulumi above %s; run npm install", programDir)
		}
		dir = parent
	}
}
