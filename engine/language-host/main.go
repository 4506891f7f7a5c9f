// Command pulumi-language-nodejs is a minimal Node.js language host for the Pulumi engine.
//
// The engine starts it as `pulumi-language-nodejs [--logtostderr] [-v=N] [--tracing URL]
// ENGINE_ADDRESS`, reads the gRPC port from the first line of its stdout, and then calls the
// LanguageRuntime service. Everything the host writes to stdout or stderr after the port line,
// including the output of the Node.js programs it runs, is shown to the user by the engine.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

// engineHealthInterval is how often the host checks that the engine is still alive, so that a
// host whose engine was killed exits instead of lingering.
const engineHealthInterval = 10 * time.Second

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: %v\n", err)
		os.Exit(1)
	}
}

func run() error {
	// The sdk's logging package registers the `-v` and `-logtostderr` flags that the engine
	// passes, so only the remaining flags are declared here.
	showVersion := flag.Bool("version", false, "print the version and exit")
	tracing := flag.String("tracing", "", "Zipkin-compatible endpoint passed on to programs")
	flag.String("root", "", "accepted for compatibility with the official host; ignored")
	flag.Parse()

	if *showVersion {
		fmt.Println(version.Version)
		return nil
	}
	logging.InitLogging(false, 0, false)

	engineAddress := flag.Arg(0)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if engineAddress != "" {
		err := rpcutil.Healthcheck(ctx, engineAddress, engineHealthInterval, cancel)
		if err != nil {
			return fmt.Errorf("failed to watch engine %s: %w", engineAddress, err)
		}
	}

	host := newLanguageHost(engineAddress, *tracing)
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
	})
	if err != nil {
		return fmt.Errorf("failed to start the language host server: %w", err)
	}

	// The engine reads exactly this line to learn where to connect.
	fmt.Printf("%d\n", handle.Port)
	logging.V(5).Infof("language host serving on port %d for engine %s", handle.Port, engineAddress)

	select {
	case err := <-handle.Done:
		return err
	case <-ctx.Done():
		logging.V(5).Infof("engine %s is gone; stopping the language host", engineAddress)
		return nil
	}
}
