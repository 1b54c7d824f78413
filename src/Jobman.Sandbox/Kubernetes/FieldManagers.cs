using System.Text.Json.Nodes;

namespace Jobman.Sandbox.Kubernetes;

/// <summary>
/// Field ownership for server-side apply, per object: which manager last set which field. Creates, updates and
/// non-apply patches make their manager (<c>fieldManager</c>, else the User-Agent's product) own the fields they set
/// or changed; an apply that would change a field another manager owns fails with apiserver's 409 conflict unless
/// <c>force=true</c>, which moves the field to the applier. Simplifications: lists are atomic fields and fields left
/// out of a later apply are not removed. Callers hold the store lock.
/// </summary>
internal sealed class FieldManagers
{
    private readonly Dictionary<string, Dictionary<Manager, HashSet<string>>> _byUid = new(StringComparer.Ordinal);

    /// <summary>A manager as the conflict message names it: apply managers by name, update managers with their API version.</summary>
    internal sealed record Manager(string Name, bool IsApply, string ApiVersion)
    {
        public override string ToString() => IsApply ? $"\"{Name}\"" : $"\"{Name}\" using {ApiVersion}";
    }

    /// <summary>After a create, update or non-apply patch: <paramref name="manager"/> owns every field that differs from <paramref name="before"/>.</summary>
    public void RecordUpdate(JsonObject after, JsonObject? before, Manager manager)
    {
        var owners = OwnersOf(after);
        var afterFields = Fields(after);
        var beforeFields = before is null ? [] : Fields(before);
        var changed = afterFields.Where(f => !beforeFields.TryGetValue(f.Key, out var old) || !JsonNode.DeepEquals(old, f.Value)).Select(f => f.Key).ToList();
        Take(owners, manager, changed);
    }

    /// <summary>Before an apply: throws 409 when <paramref name="applied"/> changes fields owned by others (and <paramref name="force"/> is off).</summary>
    public void Apply(JsonObject live, JsonObject applied, Manager manager, bool force)
    {
        var owners = OwnersOf(live);
        var liveFields = Fields(live);
        var appliedFields = Fields(applied);
        var conflicts = new List<(Manager Owner, string Path)>();
        foreach (var (path, value) in appliedFields)
        {
            if (liveFields.TryGetValue(path, out var current) && JsonNode.DeepEquals(current, value))
            {
                continue;
            }

            conflicts.AddRange(owners.Where(o => o.Key != manager && o.Value.Contains(path)).Select(o => (o.Key, path)));
        }

        if (conflicts.Count > 0 && !force)
        {
            throw Conflict(conflicts);
        }

        Take(owners, manager, conflicts.Select(c => c.Path).ToList());
        owners[manager] = [.. appliedFields.Keys];
    }

    private Dictionary<Manager, HashSet<string>> OwnersOf(JsonObject obj)
    {
        var uid = KubeObjects.Uid(obj) ?? string.Empty;
        if (!_byUid.TryGetValue(uid, out var owners))
        {
            owners = [];
            _byUid[uid] = owners;
        }

        return owners;
    }

    private static void Take(Dictionary<Manager, HashSet<string>> owners, Manager manager, IReadOnlyCollection<string> paths)
    {
        foreach (var other in owners.Where(o => o.Key != manager))
        {
            other.Value.ExceptWith(paths);
        }

        if (!owners.TryGetValue(manager, out var own))
        {
            own = [];
            owners[manager] = own;
        }

        own.UnionWith(paths);
    }

    /// <summary>Leaf fields as structured-merge-diff paths (<c>.data.key</c>); identity metadata and status are nobody's.</summary>
    private static Dictionary<string, JsonNode?> Fields(JsonObject obj)
    {
        var fields = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (key, value) in obj)
        {
            if (key is "kind" or "apiVersion" or "status")
            {
                continue;
            }

            if (key == "metadata")
            {
                foreach (var part in new[] { "labels", "annotations" })
                {
                    Collect(value?[part], $".metadata.{part}", fields);
                }

                continue;
            }

            Collect(value, "." + key, fields);
        }

        return fields;
    }

    private static void Collect(JsonNode? node, string path, Dictionary<string, JsonNode?> fields)
    {
        if (node is JsonObject { Count: > 0 } obj)
        {
            foreach (var (key, value) in obj)
            {
                Collect(value, $"{path}.{key}", fields);
            }
        }
        else if (node is not null)
        {
            fields[path] = node;
        }
    }

    /// <summary>apiserver's NewApplyConflict with structured-merge-diff's message.</summary>
    private static ApiError Conflict(List<(Manager Owner, string Path)> conflicts)
    {
        string message;
        if (conflicts.Count == 1)
        {
            message = $"Apply failed with 1 conflict: conflict with {conflicts[0].Owner}: {conflicts[0].Path}";
        }
        else
        {
            var lines = conflicts.GroupBy(c => c.Owner.ToString()).OrderBy(g => g.Key, StringComparer.Ordinal)
                .SelectMany(g => g.Select(c => $"- {c.Path}").Prepend($"conflicts with {g.Key}:"));
            message = $"Apply failed with {conflicts.Count} conflicts: {string.Join("\n", lines)}";
        }

        var causes = new JsonArray(conflicts.Select(c => (JsonNode)new JsonObject
        {
            ["reason"] = "FieldManagerConflict",
            ["message"] = $"conflict with {c.Owner}",
            ["field"] = c.Path,
        }).ToArray());
        return new ApiError(409, StatusFactory.Failure(409, "Conflict", message, new JsonObject { ["causes"] = causes }));
    }
}
