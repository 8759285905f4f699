// Command pulumi-language-python is a minimal Python language host for the Pulumi engine, written
// for this project's end-to-end tests and built by scripts/provide-pulumi.sh.
//
// Why it exists: Pulumi's own host (module
// github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3) is not served by the Go module
// proxy these machines reach (403 "This module version is not available"). The engine (pkg/v3 +
// sdk/v3) is served, and with it everything a Python host is made of: the toolchain package
// (sdk/v3/python/toolchain: virtualenvs, pip, requirements.txt linking), the Python code generator
// (pkg/v3/codegen/python) and the program runner pulumi-language-python-exec (a Python script in
// sdk/v3/python/cmd). This host wires them to the LanguageRuntime gRPC service as Pulumi's own
// host does; the program itself runs in Pulumi's Python SDK (`pulumi` from PyPI).
//
// The engine starts it with the engine's address as the last argument; it serves the
// LanguageRuntime service on 127.0.0.1 and prints its port.
//
//   - Run: creates the virtualenv if it is missing (as InstallDependencies), then
//     `<venv>/bin/python -u <dir of this binary>/pulumi-language-python-exec --monitor ...
//     --engine ... --project ... --stack ... --pwd ... --dry_run true|false --parallel N
//     --organization ... --root_directory ... [--tracing ...] <program> <args>` with
//     PULUMI_CONFIG and PULUMI_CONFIG_SECRET_KEYS in the environment and the virtualenv activated,
//     the contract of Pulumi's host and of pulumi-language-python-exec's argument parser.
//   - InstallDependencies: creates the virtualenv of Pulumi.yaml's `runtime.options.virtualenv`
//     and runs `pip install -r requirements.txt` in it (toolchain pip), streaming the output.
//   - GeneratePackage: pkg/v3/codegen/python's GeneratePackage, files written under the requested
//     directory (`pulumi package add` asks for <project>/sdks/<package>).
//   - Link: adds each generated SDK's path to requirements.txt (replacing an earlier line for the
//     same package), as Pulumi's host does through the toolchain; `pulumi package add` then calls
//     InstallDependencies, which pip-installs it into the virtualenv.
//   - About, GetProgramDependencies: the venv's python and `pip list`.
//   - GetRequiredPlugins/GetRequiredPackages: none. The engine loads the providers a program
//     registers from Pulumi.yaml's `packages:` (what `pulumi package add <plugin dir>` writes) or
//     from PATH / the plugin cache; nothing is downloaded.
//
// Left out (Unimplemented): poetry and uv beyond what the toolchain package does on its own, type
// checkers, RunPlugin (Python provider plugins), GenerateProject/GenerateProgram (convert), Pack.
//
// It is compiled inside the downloaded pkg/v3 module, so it uses exactly the CLI's dependencies
// and adds none.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/pulumi/pulumi/sdk/v3/python/toolchain"
	"google.golang.org/grpc"
)

// execName is Pulumi's program runner, installed next to this binary by provide-pulumi.sh.
const execName = "pulumi-language-python-exec"

func main() {
	engineAddress, tracing := parseArgs(os.Args[1:])
	serve("pulumi-language-python", engineAddress, &pythonHost{baseHost: baseHost{engineAddress: engineAddress, tracing: tracing}})
}

// pythonHost is the LanguageRuntime service of this host (see the package comment).
type pythonHost struct {
	baseHost
}

// resolveToolchain reads Pulumi.yaml's runtime options (`virtualenv`, `toolchain`) as Pulumi's
// host does and returns the toolchain for the program.
func resolveToolchain(info *pulumirpc.ProgramInfo) (toolchain.Toolchain, error) {
	if info == nil {
		return nil, errors.New("the request has no program info: this host needs an engine of 3.130 or newer")
	}
	opts := toolchain.PythonOptions{
		Root:       info.GetRootDirectory(),
		ProgramDir: info.GetProgramDirectory(),
		Toolchain:  toolchain.Pip,
	}
	if o := info.GetOptions(); o != nil {
		fields := o.GetFields()
		if v, ok := fields["virtualenv"]; ok {
			opts.Virtualenv = v.GetStringValue()
		}
		if v, ok := fields["toolchain"]; ok {
			switch v.GetStringValue() {
			case "", "pip":
				opts.Toolchain = toolchain.Pip
			case "poetry":
				opts.Toolchain = toolchain.Poetry
			case "uv":
				opts.Toolchain = toolchain.Uv
			default:
				return nil, fmt.Errorf("unsupported toolchain option %q (pip, poetry or uv)", v.GetStringValue())
			}
		}
	}
	return toolchain.ResolveToolchain(opts)
}

// Run starts Pulumi's Python program runner on the program in the project's virtualenv.
func (h *pythonHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	tc, err := resolveToolchain(info)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	// As Pulumi's host: a virtualenv named in Pulumi.yaml but missing is created and installed
	// first (pulumi install / pulumi package add normally did it already).
	if err := tc.EnsureVenv(ctx, info.GetRootDirectory(), false /*useLanguageVersionTools*/, true, /*showOutput*/
		os.Stdout, os.Stderr); err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	if err := tc.ValidateVenv(ctx); err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	self, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("locating this executable: %w", err)
	}
	runner := filepath.Join(filepath.Dir(self), execName)
	if _, err := os.Stat(runner); err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("missing executor %s", runner)}, nil
	}

	engineAddress := h.engine()

	args := []string{"-u", runner}
	add := func(flag, value string) {
		if value != "" {
			args = append(args, "--"+flag, value)
		}
	}
	add("monitor", req.GetMonitorAddress())
	add("engine", engineAddress)
	add("project", req.GetProject())
	add("stack", req.GetStack())
	add("pwd", req.GetPwd())
	add("dry_run", strconv.FormatBool(req.GetDryRun()))
	add("parallel", strconv.Itoa(int(req.GetParallel())))
	add("tracing", h.tracing)
	add("organization", req.GetOrganization())
	add("root_directory", info.GetRootDirectory())
	program := info.GetEntryPoint()
	if program == "" {
		program = "."
	}
	args = append(args, program)
	args = append(args, req.GetArgs()...)

	config, secretKeys, err := configJSON(req)
	if err != nil {
		return nil, err
	}

	cmd, err := tc.Command(ctx, args...)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	if cmd.Env == nil {
		cmd.Env = os.Environ()
	}
	cmd.Env = append(cmd.Env,
		"PULUMI_CONFIG="+config,
		"PULUMI_CONFIG_SECRET_KEYS="+secretKeys,
	)
	cmd.Dir = info.GetProgramDirectory()
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	return runResponse(cmd.Run(), "the Python program (pulumi-language-python-exec)"), nil
}

// InstallDependencies creates the virtualenv (if Pulumi.yaml names one) and pip-installs
// requirements.txt into it, streaming pip's output to the engine.
func (h *pythonHost) InstallDependencies(req *pulumirpc.InstallDependenciesRequest,
	server grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse],
) error {
	info := req.GetInfo()
	if info == nil {
		dir := req.GetDirectory()
		info = &pulumirpc.ProgramInfo{RootDirectory: dir, ProgramDirectory: dir, EntryPoint: "."}
	}
	tc, err := resolveToolchain(info)
	if err != nil {
		return err
	}
	var sendMu sync.Mutex
	stdout := writerFunc(func(p []byte) {
		sendMu.Lock()
		defer sendMu.Unlock()
		_ = server.Send(&pulumirpc.InstallDependenciesResponse{Stdout: append([]byte(nil), p...)})
	})
	stderr := writerFunc(func(p []byte) {
		sendMu.Lock()
		defer sendMu.Unlock()
		_ = server.Send(&pulumirpc.InstallDependenciesResponse{Stderr: append([]byte(nil), p...)})
	})
	if err := tc.InstallDependencies(server.Context(), info.GetRootDirectory(), req.GetUseLanguageVersionTools(),
		true /*showOutput*/, stdout, stderr); err != nil {
		return err
	}
	return nil
}

// GeneratePackage generates the Python SDK of a package schema into req.Directory.
func (h *pythonHost) GeneratePackage(_ context.Context, req *pulumirpc.GeneratePackageRequest,
) (*pulumirpc.GeneratePackageResponse, error) {
	return generatePackage(req, schema.ValidationOptions{AllowDanglingReferences: true}, func(pkg *schema.Package, loader schema.ReferenceLoader) (map[string][]byte, error) {
		return python.GeneratePackage("pulumi-language-python", pkg, req.GetExtraFiles(), loader)
	})
}

// Link records generated SDKs in the program's requirements.txt (their paths, relative to the
// project root), as Pulumi's host does; `pulumi package add` installs them afterwards through
// InstallDependencies.
func (h *pythonHost) Link(ctx context.Context, req *pulumirpc.LinkRequest) (*pulumirpc.LinkResponse, error) {
	tc, err := resolveToolchain(req.GetInfo())
	if err != nil {
		return nil, err
	}
	packages := map[string]string{}
	var imports []string
	for _, dep := range req.GetPackages() {
		name := dep.GetPackage().GetName()
		if p := dep.GetPackage().GetParameterization(); p != nil && p.GetName() != "" {
			name = p.GetName()
		}
		module := python.PyPack("", name)
		packages[module] = dep.GetPath()
		imports = append(imports, fmt.Sprintf("import %s as %s", module, strings.ReplaceAll(name, "-", "_")))
	}
	if err := tc.LinkPackages(ctx, packages); err != nil {
		return nil, err
	}
	return &pulumirpc.LinkResponse{
		ImportInstructions: "You can then import the SDK in your Python code with:\n\n  " + strings.Join(imports, "\n  ") + "\n",
	}, nil
}

// About reports the virtualenv's python.
func (h *pythonHost) About(ctx context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	tc, err := resolveToolchain(req.GetInfo())
	if err != nil {
		return nil, err
	}
	about, err := tc.About(ctx)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.AboutResponse{
		Executable: about.PythonExecutable,
		Version:    about.PythonVersion.String(),
		Metadata:   map[string]string{"toolchain": "pip " + about.ToolchainVersion.String()},
	}, nil
}

// GetProgramDependencies lists the packages installed in the virtualenv (`pip list`).
func (h *pythonHost) GetProgramDependencies(ctx context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	tc, err := resolveToolchain(req.GetInfo())
	if err != nil {
		return nil, err
	}
	deps, err := tc.ListPackages(ctx, req.GetTransitiveDependencies())
	if err != nil {
		return nil, err
	}
	result := make([]*pulumirpc.DependencyInfo, 0, len(deps))
	for _, d := range deps {
		result = append(result, &pulumirpc.DependencyInfo{Name: d.Name, Version: d.Version})
	}
	return &pulumirpc.GetProgramDependenciesResponse{Dependencies: result}, nil
}
