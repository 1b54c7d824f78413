namespace Jobman.Testing.Prerequisites;

/// <summary>Needs Debian's <c>docker-registry</c> and <c>skopeo</c>: skipped with how to get them when missing, failed under <c>CI=true</c>.</summary>
public sealed class RequiresRegistryToolsAttribute : RequiresPrerequisiteAttribute
{
    public RequiresRegistryToolsAttribute()
        : base(PrerequisiteCatalog.RegistryTools)
    {
    }
}
