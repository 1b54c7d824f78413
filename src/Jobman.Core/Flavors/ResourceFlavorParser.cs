using System.Globalization;
using System.Text.Json.Nodes;

namespace Jobman.Core.Flavors;

/// <summary>
/// Reads flavors in the original's JSON shape <c>{name, description?, maxRunTime?, resources:{requests, limits?}}</c>.
/// Quantities may be written as JSON strings or numbers.
/// </summary>
public static class ResourceFlavorParser
{
    /// <summary>Parses one flavor object.</summary>
    /// <param name="node">The JSON object.</param>
    /// <param name="source">The source name recorded on the flavor.</param>
    /// <param name="where">Where the JSON came from, for error messages.</param>
    /// <returns>The flavor.</returns>
    /// <exception cref="JobmanException">When the shape is wrong (exit code 2).</exception>
    public static ResourceFlavor Parse(JsonNode? node, string source, string where)
    {
        if (node is not JsonObject obj)
        {
            throw JobmanException.Usage($"{where}: a flavor must be a JSON object");
        }

        var name = ReadString(obj["name"]) ?? string.Empty;
        var description = ReadString(obj["description"]);
        if (obj["resources"] is not JsonObject resources)
        {
            throw JobmanException.Usage($"{where}: flavor '{name}' has no 'resources' object");
        }

        var requests = ReadQuantities(resources["requests"], $"{where}: flavor '{name}' resources.requests");
        var limits = ReadQuantities(resources["limits"], $"{where}: flavor '{name}' resources.limits");
        if (requests.Count == 0 && limits.Count == 0)
        {
            throw JobmanException.Usage($"{where}: flavor '{name}' has neither requests nor limits");
        }

        double? maxRunTime = obj["maxRunTime"] is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;
        return new ResourceFlavor(name, description, requests, limits, source) { MaxRunTimeHours = maxRunTime };
    }

    /// <summary>Parses a JSON array of flavors.</summary>
    /// <param name="array">The array (null: none).</param>
    /// <param name="source">The source name recorded on each flavor.</param>
    /// <param name="where">Where the JSON came from, for error messages.</param>
    /// <returns>The flavors.</returns>
    /// <exception cref="JobmanException">When an entry is malformed or a name repeats (exit code 2).</exception>
    public static IReadOnlyList<ResourceFlavor> ParseList(JsonNode? array, string source, string where)
    {
        if (array is null)
        {
            return [];
        }

        if (array is not JsonArray items)
        {
            throw JobmanException.Usage($"{where}: expected a JSON array of flavors");
        }

        var flavors = items.Select((item, i) => Parse(item, source, $"{where}[{i}]")).ToList();
        var duplicate = flavors.GroupBy(f => f.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw JobmanException.Usage($"{where}: flavor name '{duplicate.Key}' is defined more than once");
        }

        return flavors;
    }

    private static Dictionary<string, string> ReadQuantities(JsonNode? node, string where)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is null)
        {
            return map;
        }

        if (node is not JsonObject obj)
        {
            throw JobmanException.Usage($"{where} must be an object of quantities");
        }

        foreach (var (key, value) in obj)
        {
            var quantity = ReadString(value) ?? throw JobmanException.Usage($"{where}.{key} must be a quantity string or number");
            if (QuantityGrammar.Problem(quantity) is { } problem)
            {
                throw JobmanException.Usage($"{where}.{key} '{quantity}' is refused: {problem}");
            }

            map[key] = quantity;
        }

        return map;
    }

    private static string? ReadString(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<double>(out var d) => d.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };
}
