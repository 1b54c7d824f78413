namespace Jobman.Plugins.KubernetesJobs.Submit;

/// <summary>
/// Seam for checking, before a job is created, that its image exists (e.g. through a <c>Jobman.Core.Registries.IImageRegistry</c>).
/// <c>submit</c> runs every registered check (unless <c>--no-image-check</c>) and creates the job only when all pass.
/// </summary>
public interface IImageCheck
{
    /// <summary>Throws a <c>JobmanException</c> when <paramref name="image"/> cannot be used.</summary>
    Task CheckAsync(string image, CancellationToken cancellationToken);
}
