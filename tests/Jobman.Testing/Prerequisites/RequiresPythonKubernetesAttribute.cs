namespace Jobman.Testing.Prerequisites;

/// <summary>Needs a python3 that imports the kubernetes client: skipped with how to get it when missing, failed under <c>CI=true</c>.</summary>
public sealed class RequiresPythonKubernetesAttribute : RequiresPrerequisiteAttribute
{
    public RequiresPythonKubernetesAttribute()
        : base(PrerequisiteCatalog.PythonKubernetes)
    {
    }
}
