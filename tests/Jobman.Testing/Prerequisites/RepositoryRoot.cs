namespace Jobman.Testing.Prerequisites;

/// <summary>The folder holding Jobman.sln, found by walking up from the test binaries.</summary>
public static class RepositoryRoot
{
    public static DirectoryInfo? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Jobman.sln")))
            {
                return dir;
            }
        }

        return null;
    }
}
