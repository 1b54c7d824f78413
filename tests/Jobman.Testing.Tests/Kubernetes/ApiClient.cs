using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Jobman.Sandbox.Kubernetes;

namespace Jobman.Testing.Tests.Kubernetes;

/// <summary>A raw HTTP/2 client for the double that trusts only its CA (as kubectl does with certificate-authority-data).</summary>
public sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;

    public ApiClient(KubernetesApiServer server, string? token)
    {
        var ca = X509Certificate2.CreateFromPem(server.CaCertificatePem);
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return certificate is not null && chain.Build(new X509Certificate2(certificate));
        };
        _http = new HttpClient(handler)
        {
            BaseAddress = server.BaseUri,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        if (token is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public sealed record Response(HttpStatusCode Status, string Body, HttpResponseMessage Message)
    {
        public JsonObject Json => JsonNode.Parse(Body)!.AsObject();
    }

    public Task<Response> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<Response> PostAsync(string path, JsonNode body) => SendAsync(HttpMethod.Post, path, body);

    public Task<Response> PutAsync(string path, JsonNode body) => SendAsync(HttpMethod.Put, path, body);

    public Task<Response> DeleteAsync(string path, JsonNode? body = null) => SendAsync(HttpMethod.Delete, path, body);

    public async Task<Response> SendAsync(HttpMethod method, string path, JsonNode? body, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        var response = await _http.SendAsync(request);
        return new Response(response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    public async Task<Stream> OpenStreamAsync(string path, CancellationToken ct = default)
    {
        var response = await _http.GetAsync(path.TrimStart('/'), HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStreamAsync(ct);
    }

    public void Dispose() => _http.Dispose();
}
