using System.Text;
using System.Text.Json;

namespace Crd.Terraform.Plugin.Hosting;

/// <summary>
/// The debug-mode output: a <c>TF_REATTACH_PROVIDERS</c> value Terraform and OpenTofu accept
/// (protocol.md §1.7). <c>"Test": true</c> and <c>"ProtocolVersion"</c> are required for a
/// protocol 6 provider: without <c>Test</c> go-plugin ignores the version and Terraform
/// assumes protocol 5.
/// </summary>
internal static class ReattachBanner
{
    public static string CreateJson(string providerAddress, int protocolVersion, int pid, string socketPath)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject(providerAddress);
            json.WriteString("Protocol", "grpc");
            json.WriteNumber("ProtocolVersion", protocolVersion);
            json.WriteNumber("Pid", pid);
            json.WriteBoolean("Test", true);
            json.WriteStartObject("Addr");
            json.WriteString("Network", "unix");
            json.WriteString("String", socketPath);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string CreateText(string providerAddress, int protocolVersion, int pid, string socketPath) =>
        $"""
        Provider {providerAddress} is running in debug mode (plaintext, protocol {protocolVersion}).
        To make Terraform or OpenTofu use this process, set in their environment:

        	TF_REATTACH_PROVIDERS='{CreateJson(providerAddress, protocolVersion, pid, socketPath)}'

        Press Ctrl-C to stop the provider.

        """;
}
