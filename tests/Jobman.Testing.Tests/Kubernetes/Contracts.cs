using System.Text.Json.Nodes;

namespace Jobman.Testing.Tests.Kubernetes;

/// <summary>Reads the shared upstream contract files (never copied into the repo).</summary>
public static class Contracts
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "contracts");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("shared/contracts not found above " + AppContext.BaseDirectory);
    });

    public static string Kubernetes(string relativePath) => Path.Combine(Root.Value, "kubernetes", relativePath);

    public static JsonObject Sample(string name) => JsonNode.Parse(File.ReadAllText(Kubernetes(Path.Combine("samples", name))))!.AsObject();
}
