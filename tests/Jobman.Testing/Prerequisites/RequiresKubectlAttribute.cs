namespace Jobman.Testing.Prerequisites;

/// <summary>Needs kubectl: skipped with how to get it when missing, failed under <c>CI=true</c>.</summary>
public sealed class RequiresKubectlAttribute : RequiresPrerequisiteAttribute
{
    public RequiresKubectlAttribute()
        : base(PrerequisiteCatalog.Kubectl)
    {
    }
}
