namespace Jobman.Sandbox.Kubernetes;

/// <summary>
/// apimachinery's <c>IsValidPathSegmentName</c>, which the registry store applies to every name in a request path
/// (<c>NamespaceKeyFunc</c>): a name that decodes to '.', '..' or contains '/' or '%' is a 400 Bad Request
/// "Name parameter invalid", never a lookup.
/// </summary>
internal static class PathSegmentName
{
    public static void Check(string? name)
    {
        if (name is null)
        {
            return;
        }

        var problems = new List<string>();
        if (name is "." or "..")
        {
            problems.Add($"may not be '{name}'");
        }

        foreach (var illegal in new[] { "/", "%" })
        {
            if (name.Contains(illegal, StringComparison.Ordinal))
            {
                problems.Add($"may not contain '{illegal}'");
            }
        }

        if (problems.Count > 0)
        {
            throw StatusFactory.BadRequest($"Name parameter invalid: {System.Text.Json.JsonSerializer.Serialize(name)}: {string.Join(";", problems)}");
        }
    }
}
