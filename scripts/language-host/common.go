// The parts of this repository's language hosts (scripts/pulumi-language-nodejs, -python and -go)
// that are the same for every language: scripts/provide-pulumi.sh copies this file next to each
// host's main.go inside pkg/v3, so each binary is one `package main` built from the two files.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
)

// version is set at build time (-X main.version=...) to the CLI version it was built with.
var version = "0.0.0-dev"

// parseArgs reads the command line the engine starts a language host with: flags first (such as
// -tracing <endpoint>), the engine's address last.
func parseArgs(args []string) (engineAddress, tracing string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case strings.HasPrefix(a, "-tracing=") || strings.HasPrefix(a, "--tracing="):
			tracing = a[strings.Index(a, "=")+1:]
		case (a == "-tracing" || a == "--tracing") && i+1 < len(args)-1:
			i++
			tracing = args[i]
		case i == len(args)-1 && !strings.HasPrefix(a, "-"):
			engineAddress = a
		}
	}
	return engineAddress, tracing
}

// serve serves `host` as the LanguageRuntime service on 127.0.0.1, prints its port (the engine
// reads it from stdout) and returns when the server stops; `name` prefixes its failure messages.
//
// As Pulumi's own hosts do, it stops gracefully on SIGINT or SIGTERM (the engine interrupts its
// plugins' whole process group when it closes them or is interrupted: the program, in the same
// group, ends too, and a Run in flight returns and cleans up after it, such as the Go host's
// compiled binary), and when the engine at `engineAddress` stops answering its health check
// (checked every 5 minutes: an engine killed with SIGKILL leaves no host running for good).
func serve(name, engineAddress string, host pulumirpc.LanguageRuntimeServer) {
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer cancel()
	stop := make(chan bool)
	go func() {
		<-ctx.Done()
		close(stop)
	}()
	if engineAddress != "" {
		if err := rpcutil.Healthcheck(ctx, engineAddress, 5*time.Minute, cancel); err != nil {
			fmt.Fprintf(os.Stderr, "%s: could not watch the engine at %s: %v\n", name, engineAddress, err)
			os.Exit(1)
		}
	}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: stop,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: could not start the gRPC server: %v\n", name, err)
		os.Exit(1)
	}
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "%s: gRPC server stopped: %v\n", name, err)
		os.Exit(1)
	}
}

// baseHost answers what every host answers alike: the handshake (which may bring the engine's
// address), the plugin's version, and no required plugins or packages (the engine loads the
// providers a program registers from Pulumi.yaml's `packages:` or from PATH / the plugin cache;
// nothing is downloaded).
type baseHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	mu            sync.Mutex
	engineAddress string
	tracing       string
}

func (h *baseHost) Handshake(_ context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if req.GetEngineAddress() != "" {
		h.engineAddress = req.GetEngineAddress()
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

// engine returns the engine's address (from the command line or the handshake).
func (h *baseHost) engine() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.engineAddress
}

func (h *baseHost) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

func (h *baseHost) GetRequiredPlugins(context.Context, *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

func (h *baseHost) GetRequiredPackages(context.Context, *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

// configJSON returns the program's stack config and its secret keys as the PULUMI_CONFIG and
// PULUMI_CONFIG_SECRET_KEYS values every language's runtime reads (`{}` when the stack has no
// config, as Pulumi's Node.js host passes: the engine then sends no map, and `null` makes Node's
// runtime throw on the first config read; `[]` when no key is secret).
func configJSON(req *pulumirpc.RunRequest) (config, secretKeys string, err error) {
	values := req.GetConfig()
	if values == nil {
		values = map[string]string{}
	}
	configBytes, err := json.Marshal(values)
	if err != nil {
		return "", "", fmt.Errorf("serializing config: %w", err)
	}
	keys := req.GetConfigSecretKeys()
	if keys == nil {
		keys = []string{}
	}
	keysBytes, err := json.Marshal(keys)
	if err != nil {
		return "", "", fmt.Errorf("serializing secret config keys: %w", err)
	}
	return string(configBytes), string(keysBytes), nil
}

// exitStatusLoggedError is the exit code of a Pulumi program (any language's runtime) that already
// reported its error to the engine (sdk/v3/go/common/constant.ExitStatusLoggedError).
const exitStatusLoggedError = 32

// runResponse is Run's answer for how the program (`what`, for messages) ended: `err` from
// exec.Cmd.Run. A program that reported its error itself bails; a signal or an exit code is named.
func runResponse(err error, what string) *pulumirpc.RunResponse {
	if err == nil {
		return &pulumirpc.RunResponse{}
	}
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not run %s: %v", what, err)}
	}
	if exitErr.ExitCode() == exitStatusLoggedError {
		return &pulumirpc.RunResponse{Bail: true}
	}
	if status, ok := exitErr.Sys().(syscall.WaitStatus); ok && status.Signaled() {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("%s was ended by signal %v", what, status.Signal())}
	}
	return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exitErr.ExitCode())}
}

// writerFunc adapts a callback to io.Writer (exec copies a child's output through it).
type writerFunc func(p []byte)

func (f writerFunc) Write(p []byte) (int, error) {
	f(p)
	return len(p), nil
}
