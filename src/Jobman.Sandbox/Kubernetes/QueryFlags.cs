namespace Jobman.Sandbox.Kubernetes;

/// <summary>
/// Boolean query parameters as apiserver parses them (Go's strconv.ParseBool): <c>1</c>, <c>t</c>, <c>T</c>,
/// <c>true</c>, <c>True</c>, <c>TRUE</c> are true. The Python client sends <c>watch=True</c>.
/// </summary>
internal static class QueryFlags
{
    public static bool IsTrue(string? value) => value is "1" or "t" or "T" or "true" or "True" or "TRUE";
}
