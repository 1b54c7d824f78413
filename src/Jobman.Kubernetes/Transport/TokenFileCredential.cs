using Jobman.Core;

namespace Jobman.Kubernetes.Transport;

/// <summary>
/// A bearer token read from a file (<c>tokenFile</c>, the in-cluster service-account token), re-read whenever the
/// file changes: projected service-account tokens are rotated by the kubelet while a command runs.
/// </summary>
/// <param name="path">The absolute path of the token file.</param>
public sealed class TokenFileCredential(string path) : ICredentialSource
{
    private readonly Lock _gate = new();
    private DateTime _readAt;
    private long _readLength = -1;
    private string? _token;

    /// <inheritdoc />
    public ValueTask<string?> AuthorizationAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>("Bearer " + Current());

    /// <inheritdoc />
    public ValueTask<bool> RefreshAfterUnauthorizedAsync(CancellationToken cancellationToken)
    {
        var before = Current();
        lock (_gate)
        {
            _readLength = -1;
        }

        return ValueTask.FromResult(Current() != before);
    }

    /// <summary>Reads the file when it is new to us or changed since the last read.</summary>
    /// <returns>The token.</returns>
    /// <exception cref="JobmanException">Missing, unreadable or empty (exit code 1).</exception>
    public string Current()
    {
        lock (_gate)
        {
            try
            {
                var info = new FileInfo(path);
                if (_token is null || info.LastWriteTimeUtc != _readAt || info.Length != _readLength)
                {
                    var text = File.ReadAllText(path).Trim();
                    _token = text.Length > 0 ? text : throw new JobmanException($"token file '{path}' is empty");
                    _readAt = info.LastWriteTimeUtc;
                    _readLength = info.Length;
                }

                return _token;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new JobmanException($"cannot read token file '{path}': {ex.Message}", ExitCodes.Failed, ex);
            }
        }
    }
}
