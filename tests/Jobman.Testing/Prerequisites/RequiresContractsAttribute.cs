namespace Jobman.Testing.Prerequisites;

/// <summary>Needs the upstream contract files: skipped with how to get it when missing, failed under <c>CI=true</c>.</summary>
public sealed class RequiresContractsAttribute : RequiresPrerequisiteAttribute
{
    public RequiresContractsAttribute()
        : base(PrerequisiteCatalog.Contracts)
    {
    }
}
