using System.Net.Http.Headers;

namespace Jobman.Plugins.OciRegistry.Tests.Infrastructure;

/// <summary>
/// Pushes images straight through the registry's push API (blob upload POST + PUT, manifest PUT): much faster than
/// one skopeo process per repository when a test needs a hundred of them.
/// </summary>
internal sealed class RegistryPusher(HttpClient http, string baseUrl, Func<string, string?>? authorizationFor = null)
{
    public async Task PushAsync(string repository, string tag, TestImage image)
    {
        await PushBlobsAsync(repository, image);
        await PutManifestAsync(repository, tag, image.Manifest);
    }

    /// <summary>Pushes one image under many tags (blobs once, then one manifest PUT per tag).</summary>
    public async Task PushTagsAsync(string repository, IEnumerable<string> tags, TestImage image)
    {
        await PushBlobsAsync(repository, image);
        await Parallel.ForEachAsync(tags, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (tag, _) =>
            await PutManifestAsync(repository, tag, image.Manifest));
    }

    /// <summary>Pushes the images by digest, then the index under <paramref name="tag"/>.</summary>
    public async Task PushIndexAsync(string repository, string tag, Blob index, IEnumerable<TestImage> images)
    {
        foreach (var image in images)
        {
            await PushBlobsAsync(repository, image);
            await PutManifestAsync(repository, image.Manifest.Digest, image.Manifest);
        }

        await PutManifestAsync(repository, tag, index);
    }

    private async Task PushBlobsAsync(string repository, TestImage image)
    {
        foreach (var blob in image.Blobs)
        {
            using var start = await SendAsync(HttpMethod.Post, repository, $"{baseUrl}/v2/{repository}/blobs/uploads/", null);
            var location = start.Headers.Location ?? throw new InvalidOperationException("upload without Location");
            var upload = location.IsAbsoluteUri ? location : new Uri(new Uri(baseUrl), location);
            var separator = string.IsNullOrEmpty(upload.Query) ? "?" : "&";
            var content = new ByteArrayContent(blob.Bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var done = await SendAsync(HttpMethod.Put, repository, $"{upload}{separator}digest={Uri.EscapeDataString(blob.Digest)}", content);
        }
    }

    private async Task PutManifestAsync(string repository, string reference, Blob manifest)
    {
        var content = new ByteArrayContent(manifest.Bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(manifest.MediaType);
        using var response = await SendAsync(HttpMethod.Put, repository, $"{baseUrl}/v2/{repository}/manifests/{reference}", content);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string repository, string url, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        if (authorizationFor?.Invoke(repository) is { } authorization)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync();
            response.Dispose();
            throw new InvalidOperationException($"{method} {url} -> {(int)response.StatusCode}: {body}");
        }

        return response;
    }
}
