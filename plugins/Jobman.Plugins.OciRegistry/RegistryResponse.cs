using System.Text.Json;
using System.Text.Json.Nodes;
using Jobman.Core;

namespace Jobman.Plugins.OciRegistry;

/// <summary>A successful registry answer, read fully (bodies of the API calls used here are small).</summary>
/// <param name="Body">The raw body (digests are computed over these exact bytes).</param>
/// <param name="MediaType">The Content-Type media type.</param>
/// <param name="NextLink">The <c>Link: rel="next"</c> target, when paged.</param>
/// <param name="Digest">The <c>Docker-Content-Digest</c> header.</param>
/// <param name="Registry">The registry, for error messages.</param>
/// <param name="What">What was asked for, for error messages.</param>
internal sealed record RegistryResponse(byte[] Body, string? MediaType, string? NextLink, string? Digest, string Registry, string What)
{
    public JsonObject ReadObject()
    {
        try
        {
            return JsonNode.Parse(Body) as JsonObject
                ?? throw new JobmanException($"registry {Registry} sent a non-object JSON document for {What}");
        }
        catch (JsonException ex)
        {
            throw new JobmanException($"registry {Registry} sent invalid JSON for {What} ({ex.Message})", innerException: ex);
        }
    }
}
