using System.Text.Json.Nodes;
using Jobman.Testing.Prerequisites;

namespace Jobman.Testing.Tests.Kubernetes;

/// <summary>Reads the shared upstream contract files (never copied into the repo; found by <see cref="UpstreamContracts"/>).</summary>
public static class Contracts
{
    public static string Kubernetes(string relativePath) => UpstreamContracts.Kubernetes(relativePath);

    public static JsonObject Sample(string name) => JsonNode.Parse(UpstreamContracts.KubernetesText(Path.Combine("samples", name)))!.AsObject();
}
