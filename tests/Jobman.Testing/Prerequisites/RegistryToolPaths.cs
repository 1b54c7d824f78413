namespace Jobman.Testing.Prerequisites;

/// <summary>Where the real OCI registry and the push tool are.</summary>
/// <param name="DockerRegistry">Debian's <c>docker-registry</c> (CNCF distribution v2).</param>
/// <param name="Skopeo">The <c>skopeo</c> binary.</param>
public sealed record RegistryToolPaths(string DockerRegistry, string Skopeo);
