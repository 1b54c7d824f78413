using System.Text.Json;

namespace Jobman.Cli.Updates;

/// <summary>
/// Asks a package source for the versions of a package: a NuGet v3 feed through its service index and the flat
/// container (<c>PackageBaseAddress/3.0.0</c>: <c>{base}/{id}/index.json</c>), or a local folder feed by file names.
/// </summary>
internal sealed class NuGetFeedClient(HttpClient http)
{
    public async Task<IReadOnlyList<string>> VersionsAsync(string source, string packageId, CancellationToken cancellationToken)
    {
        var id = packageId.ToLowerInvariant();
        if (!Uri.TryCreate(source, UriKind.Absolute, out var uri) || uri.IsFile)
        {
            return FolderVersions(uri?.IsFile == true ? uri.LocalPath : source, id);
        }

        if (uri.Scheme is not ("https" or "http"))
        {
            return [];
        }

        using var index = await GetJsonAsync(uri, cancellationToken).ConfigureAwait(false);
        var baseAddress = index.RootElement.GetProperty("resources").EnumerateArray()
            .Where(r => r.TryGetProperty("@type", out var type) && TypeNames(type).Any(t => t.StartsWith("PackageBaseAddress/3.0.0", StringComparison.Ordinal)))
            .Select(r => r.GetProperty("@id").GetString())
            .FirstOrDefault(r => r is not null)
            ?? throw new InvalidOperationException($"{source} has no PackageBaseAddress/3.0.0 resource");

        var versionsUri = new Uri($"{baseAddress.TrimEnd('/')}/{Uri.EscapeDataString(id)}/index.json");
        using var response = await http.GetAsync(versionsUri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return [];
        }

        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var versions = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
        return versions.RootElement.GetProperty("versions").EnumerateArray().Select(v => v.GetString()).OfType<string>().ToList();
    }

    private async Task<JsonDocument> GetJsonAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static IEnumerable<string> TypeNames(JsonElement type) => type.ValueKind switch
    {
        JsonValueKind.String => [type.GetString()!],
        JsonValueKind.Array => type.EnumerateArray().Select(t => t.GetString()).OfType<string>(),
        _ => [],
    };

    /// <summary>A folder feed holds <c>{id}.{version}.nupkg</c> files (flat or in <c>{id}/{version}/</c>).</summary>
    private static List<string> FolderVersions(string folder, string id)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var prefix = id + ".";
        return Directory.EnumerateFiles(folder, "*.nupkg", SearchOption.AllDirectories)
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && char.IsAsciiDigit(n[prefix.Length..].FirstOrDefault()))
            .Select(n => n[prefix.Length..])
            .ToList();
    }
}
