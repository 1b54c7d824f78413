namespace Jobman.Plugins.OciRegistry;

/// <summary>Manifest media types of the OCI image spec and Docker's Image Manifest V2 Schema 2.</summary>
internal static class OciMediaTypes
{
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";

    public const string DescriptionAnnotation = "org.opencontainers.image.description";
    public const string CreatedAnnotation = "org.opencontainers.image.created";

    /// <summary>The Accept header for manifests: every image format this plugin can read.</summary>
    public const string ManifestAccept = OciIndex + ", " + OciManifest + ", " + DockerManifestList + ", " + DockerManifest;

    public const string Json = "application/json";

    public static bool IsIndex(string? mediaType) => mediaType is OciIndex or DockerManifestList;
}
