namespace Jobman.Plugins.OciRegistry.Tests.Infrastructure;

/// <summary>How a test registry authenticates and serves.</summary>
internal sealed record RegistryOptions
{
    /// <summary>Path of an htpasswd file (bcrypt) for basic auth.</summary>
    public string? HtpasswdFile { get; init; }

    /// <summary>Token auth: realm URL, service, issuer and the PEM bundle of the token signing certificate.</summary>
    public (string Realm, string Service, string Issuer, string RootCertBundle)? Token { get; init; }

    /// <summary>TLS certificate and key (PEM files).</summary>
    public (string Certificate, string Key)? Tls { get; init; }
}
