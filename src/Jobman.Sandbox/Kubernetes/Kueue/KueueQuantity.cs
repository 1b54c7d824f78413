using System.Globalization;
using System.Text.Json.Nodes;

namespace Jobman.Sandbox.Kubernetes.Kueue;

/// <summary>
/// Resource quantities as Kueue adds and compares them (apimachinery resource.Quantity): the value of
/// <c>500m</c>, <c>9</c>, <c>36Gi</c>, <c>1e3</c>, and a canonical text for sums and differences.
/// </summary>
internal static class KueueQuantity
{
    private static readonly (string Suffix, decimal Factor)[] Suffixes =
    [
        ("Ki", 1024m), ("Mi", 1024m * 1024), ("Gi", 1024m * 1024 * 1024), ("Ti", 1024m * 1024 * 1024 * 1024),
        ("Pi", 1024m * 1024 * 1024 * 1024 * 1024), ("Ei", 1024m * 1024 * 1024 * 1024 * 1024 * 1024),
        ("n", 0.000000001m), ("u", 0.000001m), ("m", 0.001m), ("k", 1000m), ("M", 1000m * 1000), ("G", 1000m * 1000 * 1000),
        ("T", 1000m * 1000 * 1000 * 1000), ("P", 1000m * 1000 * 1000 * 1000 * 1000), ("E", 1000m * 1000 * 1000 * 1000 * 1000 * 1000),
    ];

    /// <summary>The value of a quantity given as a JSON string or number (null or unparsable: 0).</summary>
    public static decimal Parse(JsonNode? node)
    {
        if (node is JsonValue value && value.TryGetValue<decimal>(out var number))
        {
            return number;
        }

        var text = KubeObjects.Str(node)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        foreach (var (suffix, factor) in Suffixes)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && decimal.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var scaled))
            {
                return scaled * factor;
            }
        }

        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain) ? plain : 0;
    }

    /// <summary>Canonical text: whole numbers plain (<c>3</c>), byte counts in the largest exact binary unit (<c>600Mi</c>), fractions in milli (<c>500m</c>).</summary>
    public static string Format(decimal value)
    {
        if (value != decimal.Truncate(value))
        {
            return (value * 1000m).ToString("0.###", CultureInfo.InvariantCulture) + "m";
        }

        if (value >= 1024 * 1024)
        {
            for (var i = 5; i >= 0; i--)
            {
                var (suffix, factor) = Suffixes[i];
                if (value % factor == 0)
                {
                    return (value / factor).ToString("0", CultureInfo.InvariantCulture) + suffix;
                }
            }
        }

        return value.ToString("0", CultureInfo.InvariantCulture);
    }
}
