using System.Net.Http.Headers;
using System.Text.Json;
using Jobman.Core;

namespace Jobman.Plugins.Harbor;

/// <summary>A Harbor answer that the caller decides about (2xx, or 404 that may mean "no such image").</summary>
/// <param name="Status">HTTP status code.</param>
/// <param name="Body">The body text.</param>
/// <param name="Headers">Response headers (paging).</param>
/// <param name="Method">Request method.</param>
/// <param name="Url">Request URL (never carries credentials).</param>
internal sealed record HarborResponse(int Status, string Body, HttpResponseHeaders Headers, string Method, string Url)
{
    public bool IsNotFound => Status == 404;

    /// <summary>Deserializes the body.</summary>
    /// <typeparam name="T">The model.</typeparam>
    /// <returns>The value.</returns>
    /// <exception cref="JobmanException">The body is not the JSON Harbor documents.</exception>
    public T Read<T>()
    {
        try
        {
            return JsonSerializer.Deserialize<T>(Body)
                ?? throw new JsonException("null body");
        }
        catch (JsonException ex)
        {
            throw new JobmanException($"unexpected answer from Harbor ({Method} {Url}): not the JSON of the Harbor API v2.0 ({ex.Message}); is harbor.url a Harbor server?");
        }
    }

    /// <summary>The error codes and messages of a Harbor error body, as one line.</summary>
    /// <returns>The text, or null when the body is not a Harbor error.</returns>
    public string? ErrorText()
    {
        try
        {
            var errors = JsonSerializer.Deserialize<HarborErrorsModel>(Body)?.Errors;
            if (errors is { Count: > 0 })
            {
                return string.Join("; ", errors.Select(e => OneLine(e.Message ?? e.Code ?? "")));
            }
        }
        catch (JsonException)
        {
            // Not Harbor's error body (a proxy's HTML page): fall back to the status line.
        }

        return null;
    }

    /// <summary>True when the error body's message starts with the given text (e.g. <c>project </c>).</summary>
    /// <param name="prefix">Start of the message.</param>
    /// <returns>Whether it matches.</returns>
    public bool ErrorStartsWith(string prefix) => ErrorText()?.StartsWith(prefix, StringComparison.Ordinal) == true;

    private static string OneLine(string text) =>
        string.Join(" ", text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
