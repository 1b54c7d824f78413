using System.Globalization;

namespace Jobman.Bench;

/// <summary>Fills <c>@0@</c>, <c>@1@</c>... in JSON text (interpolated raw strings choke on JSON's closing braces).</summary>
internal static class JsonTemplate
{
    public static string Fill(string template, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            template = template.Replace($"@{i}@", Convert.ToString(values[i], CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        return template;
    }
}
