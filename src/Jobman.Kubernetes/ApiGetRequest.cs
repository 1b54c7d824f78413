using k8s.Autorest;

namespace Jobman.Kubernetes;

/// <summary>
/// A GET sent through the connection's HTTP client and credentials, for reads the generated client either cannot
/// express (a log's <c>sinceTime</c>) or decodes too slowly (large lists). Failures are raised like the generated
/// client's, so <see cref="KubernetesErrors"/> and <see cref="KubernetesRetry"/> treat both alike.
/// </summary>
public static class ApiGetRequest
{
    /// <summary>Sends the GET and returns the response once its headers arrived; the caller reads and disposes it.</summary>
    /// <param name="connection">The cluster connection.</param>
    /// <param name="path">The API path, e.g. <c>/api/v1/namespaces/x/pods</c> (segments already escaped).</param>
    /// <param name="query">Query parameters; null values are left out.</param>
    /// <param name="cancellationToken">Cancelled on Ctrl+C.</param>
    /// <param name="stream">True for a body read as it arrives (a log): sent over HTTP/2 when the server offers it.</param>
    /// <returns>The successful response.</returns>
    /// <exception cref="HttpOperationException">When the server answered with an error status.</exception>
    public static async Task<HttpResponseMessage> SendAsync(ClusterConnection connection, string path, IEnumerable<KeyValuePair<string, string?>> query, CancellationToken cancellationToken, bool stream = false)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var endpoint = connection.Endpoint;
        var uri = new Uri(endpoint.BaseUri.ToString().TrimEnd('/') + path + QueryText(query));
        // A followed log is flushed line by line, which over HTTP/1.1 is a chunk and a TLS record per line; HTTP/2
        // packs lines into frames (logs -f of 300 MB on the double: 37 -> 77-96 MB/s), so a stream asks for HTTP/2 as
        // kubectl does (plain http:// and servers without h2 stay on 1.1). A body read whole (lists, objects) goes
        // over HTTP/1.1, a connection per concurrent request: list spent ~10 ms more on 10 jobs and ~15 ms more on
        // 1,000 over one shared HTTP/2 connection (its framing and flow control; bench/RESULTS.md, issue 14).
        using var request = new HttpRequestMessage(HttpMethod.Get, uri)
        {
            Version = stream ? System.Net.HttpVersion.Version20 : System.Net.HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        var response = await endpoint.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        throw await FailureOfAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The generated client's exception for an error answer. Built apart: naming its types in <see cref="SendAsync"/>
    /// loaded KubernetesClient (12 MB) before every command's first request (~5 ms), which no successful read needs.
    /// </summary>
    private static async Task<Exception> FailureOfAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (response)
        {
            var content = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return new HttpOperationException($"Operation returned an invalid status code '{response.StatusCode}'")
            {
                Response = new HttpResponseMessageWrapper(response, content),
            };
        }
    }

    /// <summary><c>?a=1&amp;b=2</c> of the parameters with a value, or "" when none has one.</summary>
    /// <remarks>A loop, not LINQ: LINQ over the key/value pairs (a value type) is compiled at run time, before the first request of every command.</remarks>
    private static string QueryText(IEnumerable<KeyValuePair<string, string?>> query)
    {
        var text = new System.Text.StringBuilder();
        foreach (var (key, value) in query)
        {
            if (value is not null)
            {
                text.Append(text.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
            }
        }

        return text.ToString();
    }
}
