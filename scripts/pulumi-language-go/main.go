// Command pulumi-language-go is a minimal Go language host for the Pulumi engine, written for this
// project's end-to-end tests and built by scripts/provide-pulumi.sh.
//
// Why it exists: Pulumi's own host (module github.com/pulumi/pulumi/sdk/go/pulumi-language-go/v3)
// is not served by the Go module proxy these machines reach (403 "This module version is not
// available"). The engine (pkg/v3 + sdk/v3) is served, and with it the Go code generator
// (pkg/v3/codegen/go) and Pulumi's Go SDK (sdk/v3/go/pulumi), which a Go program compiles against.
// This host wires them to the LanguageRuntime gRPC service with the contract of Pulumi's host; the
// program itself runs in Pulumi's Go SDK.
//
// The engine starts it with the engine's address as the last argument; it serves the
// LanguageRuntime service on 127.0.0.1 and prints its port.
//
//   - Run: `go build -o <file in a temporary directory>` in the program directory (removed when Run
//     returns, also when the engine interrupts it; `runtime.options.buildTarget`: that path, kept;
//     `runtime.options.binary`: that executable as it is), then runs the binary with the settings
//     Pulumi's Go SDK reads from the environment (PULUMI_MONITOR, PULUMI_ENGINE, PULUMI_PROJECT,
//     PULUMI_STACK, PULUMI_ORGANIZATION, PULUMI_ROOT_DIRECTORY, PULUMI_CONFIG,
//     PULUMI_CONFIG_SECRET_KEYS, PULUMI_DRY_RUN, PULUMI_PARALLEL). A program that exits with 32 has
//     reported its error to the engine itself (the SDK's ExitStatusLoggedError).
//   - InstallDependencies: `go mod tidy` in the program directory, streaming the output.
//   - GeneratePackage: pkg/v3/codegen/go's GeneratePackage, files written under the requested
//     directory (`pulumi package add` asks for <project>/sdks/<package>).
//   - Link: `go mod edit -replace <module>=./<sdk dir>` for each generated SDK, <module> being the
//     module path of the go.mod the generator writes there (the schema's
//     `language.go.importBasePath` less its last element); `pulumi package add` then calls
//     InstallDependencies, whose `go mod tidy` adds the requirement the program's imports need.
//   - About, GetProgramDependencies: `go version`, and the requirements of the nearest go.mod at
//     or above the program (a locally replaced module without a version).
//   - GetRequiredPlugins/GetRequiredPackages: none. The engine loads the providers a program
//     registers from Pulumi.yaml's `packages:` or from PATH / the plugin cache; nothing is downloaded.
//
// Left out (Unimplemented): RunPlugin (Go provider plugins), GenerateProject/GenerateProgram
// (convert), Pack, debugging.
//
// It is compiled inside the downloaded pkg/v3 module, so it uses exactly the CLI's dependencies
// and adds none.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	codegen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"golang.org/x/mod/modfile"
	"google.golang.org/grpc"
)

func main() {
	engineAddress, tracing := parseArgs(os.Args[1:])
	serve("pulumi-language-go", engineAddress, &goHost{baseHost: baseHost{engineAddress: engineAddress, tracing: tracing}})
}

// goHost is the LanguageRuntime service of this host (see the package comment).
type goHost struct {
	baseHost
}

// goBinary finds the go command on the PATH.
func goBinary() (string, error) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		return "", errors.New("could not find go on the PATH: a Go program is compiled with it")
	}
	return gobin, nil
}

// goOptions reads Pulumi.yaml's `runtime.options` as Pulumi's Go host does: `binary` (run that
// executable, found on PATH or relative to the program, instead of compiling) or `buildTarget`
// (compile to that path, relative to the program, and keep it), each a string, not both.
func goOptions(info *pulumirpc.ProgramInfo) (binary, buildTarget string, err error) {
	options := info.GetOptions().AsMap()
	for name, into := range map[string]*string{"binary": &binary, "buildTarget": &buildTarget} {
		if value, ok := options[name]; ok {
			text, isText := value.(string)
			if !isText {
				return "", "", fmt.Errorf("runtime.options.%s must be a string, got %v", name, value)
			}
			*into = text
		}
	}
	if binary != "" && buildTarget != "" {
		return "", "", errors.New("runtime.options.binary and runtime.options.buildTarget cannot both be set")
	}
	return binary, buildTarget, nil
}

// compile runs `go build -o <out> .` in the program directory and checks the result is a program.
func compile(ctx context.Context, programDir, out string) error {
	gobin, err := goBinary()
	if err != nil {
		return err
	}
	build := exec.CommandContext(ctx, gobin, "build", "-o", out, ".")
	build.Dir = programDir
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("could not compile the Go program in %s (`go build`): %w", programDir, err)
	}
	if st, err := os.Stat(out); err != nil || st.Mode()&0o111 == 0 || !st.Mode().IsRegular() {
		return fmt.Errorf("`go build` in %s made no executable: is the program's package `main`, with a func main?", programDir)
	}
	return nil
}

// Run compiles the program (or takes runtime.options.binary) and runs it against the engine.
func (h *goHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	if info == nil {
		return nil, errors.New("RunRequest.info is missing: this host needs an engine of 3.100 or newer")
	}
	programDir := info.GetProgramDirectory()
	binary, buildTarget, err := goOptions(info)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	var program string
	switch {
	case binary != "":
		found, err := exec.LookPath(binary)
		if err != nil && !filepath.IsAbs(binary) {
			found, err = exec.LookPath(filepath.Join(programDir, binary))
		}
		if err != nil {
			return &pulumirpc.RunResponse{Error: fmt.Sprintf("runtime.options.binary %q is not an executable: %v", binary, err)}, nil
		}
		program = found
	case buildTarget != "":
		program = buildTarget
		if !filepath.IsAbs(program) {
			program = filepath.Join(programDir, program)
		}
		if err := os.MkdirAll(filepath.Dir(program), 0o755); err != nil {
			return &pulumirpc.RunResponse{Error: fmt.Sprintf("runtime.options.buildTarget %q: %v", buildTarget, err)}, nil
		}
		if err := compile(ctx, programDir, program); err != nil {
			return &pulumirpc.RunResponse{Error: err.Error()}, nil
		}
	default:
		// A directory of its own, removed when Run returns, also when the engine interrupts the
		// program (serve stops gracefully on SIGINT, so this deferred removal runs).
		dir, err := os.MkdirTemp("", "pulumi-go-program-")
		if err != nil {
			return nil, fmt.Errorf("creating a directory for the program's binary: %w", err)
		}
		defer os.RemoveAll(dir)
		program = filepath.Join(dir, "program")
		if err := compile(ctx, programDir, program); err != nil {
			return &pulumirpc.RunResponse{Error: err.Error()}, nil
		}
	}

	config, secretKeys, err := configJSON(req)
	if err != nil {
		return nil, err
	}
	engineAddress := h.engine()

	env := os.Environ()
	set := func(name, value string) {
		if value != "" {
			env = append(env, name+"="+value)
		}
	}
	set("PULUMI_ORGANIZATION", req.GetOrganization())
	set("PULUMI_PROJECT", req.GetProject())
	set("PULUMI_ROOT_DIRECTORY", info.GetRootDirectory())
	set("PULUMI_STACK", req.GetStack())
	set("PULUMI_CONFIG", config)
	set("PULUMI_CONFIG_SECRET_KEYS", secretKeys)
	set("PULUMI_DRY_RUN", strconv.FormatBool(req.GetDryRun()))
	set("PULUMI_PARALLEL", strconv.Itoa(int(req.GetParallel())))
	set("PULUMI_MONITOR", req.GetMonitorAddress())
	set("PULUMI_ENGINE", engineAddress)

	cmd := exec.Command(program, req.GetArgs()...)
	cmd.Dir = req.GetPwd()
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	return runResponse(cmd.Run(), "the Go program"), nil
}

// InstallDependencies runs `go mod tidy` in the program directory.
func (h *goHost) InstallDependencies(req *pulumirpc.InstallDependenciesRequest,
	server grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse],
) error {
	dir := req.GetDirectory()
	if info := req.GetInfo(); info != nil && info.GetProgramDirectory() != "" {
		dir = info.GetProgramDirectory()
	}
	gobin, err := goBinary()
	if err != nil {
		return err
	}
	closer, stdout, stderr, err := rpcutil.MakeInstallDependenciesStreams(server, req.GetIsTerminal())
	if err != nil {
		return err
	}
	defer closer.Close()
	fmt.Fprintf(stdout, "Installing dependencies in %s (go mod tidy)...\n", dir)
	cmd := exec.Command(gobin, "mod", "tidy")
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("`go mod tidy` in %s failed: %w", dir, err)
	}
	fmt.Fprintln(stdout, "Finished installing dependencies")
	return nil
}

// GeneratePackage generates the Go SDK of a package schema into req.Directory.
func (h *goHost) GeneratePackage(_ context.Context, req *pulumirpc.GeneratePackageRequest,
) (*pulumirpc.GeneratePackageResponse, error) {
	if len(req.GetExtraFiles()) > 0 {
		return nil, errors.New("extra files (overlays) are not supported for Go")
	}
	return generatePackage(req, schema.ValidationOptions{}, func(pkg *schema.Package, _ schema.ReferenceLoader) (map[string][]byte, error) {
		return codegen.GeneratePackage("pulumi-language-go", pkg, req.GetLocalDependencies())
	})
}

// Link points the program's go.mod at each generated SDK with a replace directive.
func (h *goHost) Link(_ context.Context, req *pulumirpc.LinkRequest) (*pulumirpc.LinkResponse, error) {
	info := req.GetInfo()
	if info == nil {
		return nil, errors.New("LinkRequest.info is missing")
	}
	programDir := info.GetProgramDirectory()
	gobin, err := goBinary()
	if err != nil {
		return nil, err
	}
	var imports []string
	for _, dep := range req.GetPackages() {
		sdkDir := filepath.Join(info.GetRootDirectory(), dep.GetPath())
		modulePath, importPath, err := sdkModule(sdkDir)
		if err != nil {
			return nil, err
		}
		rel, err := filepath.Rel(programDir, sdkDir)
		if err != nil {
			return nil, err
		}
		target := "./" + filepath.ToSlash(rel)
		edit := exec.Command(gobin, "mod", "edit", "-replace", modulePath+"="+target)
		edit.Dir = programDir
		if out, err := edit.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("go mod edit -replace %s=%s in %s: %v: %s", modulePath, target, programDir, err, out)
		}
		imports = append(imports, fmt.Sprintf("import %q", importPath))
	}
	return &pulumirpc.LinkResponse{
		ImportInstructions: "You can then import the SDK in your Go code with:\n\n  " + strings.Join(imports, "\n  ") + "\n",
	}, nil
}

// sdkModule returns the module path of a generated Go SDK directory (its go.mod, which the
// generator writes for a package that `pulumi package add` generates) and the import path of its
// package: the generator's layout puts it in one directory named after the last element of
// `language.go.importBasePath`, the one holding the package's doc.go.
func sdkModule(sdkDir string) (modulePath, importPath string, err error) {
	gomod := filepath.Join(sdkDir, "go.mod")
	data, err := os.ReadFile(gomod)
	if err != nil {
		return "", "", fmt.Errorf("the generated SDK has no go.mod to point a replace directive at: %w", err)
	}
	mod, err := modfile.Parse(gomod, data, nil)
	if err != nil || mod.Module == nil {
		return "", "", fmt.Errorf("parsing %s: %v", gomod, err)
	}
	modulePath = mod.Module.Mod.Path
	entries, err := os.ReadDir(sdkDir)
	if err != nil {
		return "", "", err
	}
	for _, entry := range entries {
		if _, err := os.Stat(filepath.Join(sdkDir, entry.Name(), "doc.go")); entry.IsDir() && err == nil {
			return modulePath, modulePath + "/" + entry.Name(), nil
		}
	}
	return modulePath, modulePath, nil
}

// About reports the go command.
func (h *goHost) About(ctx context.Context, _ *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	gobin, err := goBinary()
	if err != nil {
		return nil, err
	}
	out, err := exec.CommandContext(ctx, gobin, "version").Output()
	if err != nil {
		return nil, fmt.Errorf("go version: %w", err)
	}
	return &pulumirpc.AboutResponse{Executable: gobin, Version: strings.TrimSpace(string(out))}, nil
}

// GetProgramDependencies lists the requirements of the program's go.mod (the nearest one at or
// above the program directory; indirect ones only when asked), a locally replaced module without a
// version (it has none: the replace names a directory).
func (h *goHost) GetProgramDependencies(_ context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	path, err := findGoMod(req.GetInfo().GetProgramDirectory())
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	mod, err := modfile.Parse(path, data, nil)
	if err != nil {
		return nil, err
	}
	replaced := map[string]bool{}
	for _, r := range mod.Replace {
		replaced[r.Old.Path] = true
	}
	var deps []*pulumirpc.DependencyInfo
	for _, r := range mod.Require {
		if r.Indirect && !req.GetTransitiveDependencies() {
			continue
		}
		version := r.Mod.Version
		if replaced[r.Mod.Path] {
			version = ""
		}
		deps = append(deps, &pulumirpc.DependencyInfo{Name: r.Mod.Path, Version: version})
	}
	return &pulumirpc.GetProgramDependenciesResponse{Dependencies: deps}, nil
}

// findGoMod returns the go.mod at or above `dir` (a program may be a package inside its module).
func findGoMod(dir string) (string, error) {
	for current := dir; ; current = filepath.Dir(current) {
		candidate := filepath.Join(current, "go.mod")
		if _, err := os.Stat(candidate); err == nil {
			return candidate, nil
		}
		if filepath.Dir(current) == current {
			return "", fmt.Errorf("no go.mod at or above %s", dir)
		}
	}
}
