// A minimal go-plugin gRPC server, the Go baseline of scripts/bench-startup: Terraform's
// handshake (magic cookie, protocol 5), AutoMTLS when PLUGIN_CLIENT_CERT is set, and what
// go-plugin registers by itself (grpc.health.v1, plugin.GRPCController, GRPCBroker, GRPCStdio).
// It serves no tfplugin service: it measures what any Go provider pays before its first RPC.
// Built with Debian's golang-go and golang-github-hashicorp-go-plugin-dev in GOPATH mode.
package main

import (
	"context"
	"errors"
	"net/rpc"

	plugin "github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"
)

type provider struct{}

func (provider) Server(*plugin.MuxBroker) (interface{}, error) {
	return nil, errors.New("net/rpc is not served")
}

func (provider) Client(*plugin.MuxBroker, *rpc.Client) (interface{}, error) {
	return nil, errors.New("net/rpc is not served")
}

func (provider) GRPCServer(*plugin.GRPCBroker, *grpc.Server) error { return nil }

func (provider) GRPCClient(context.Context, *plugin.GRPCBroker, *grpc.ClientConn) (interface{}, error) {
	return nil, errors.New("server side only")
}

func main() {
	plugin.Serve(&plugin.ServeConfig{
		HandshakeConfig: plugin.HandshakeConfig{
			ProtocolVersion:  5,
			MagicCookieKey:   "TF_PLUGIN_MAGIC_COOKIE",
			MagicCookieValue: "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2",
		},
		Plugins:    plugin.PluginSet{"provider": provider{}},
		GRPCServer: plugin.DefaultGRPCServer,
	})
}
