using System.Text.Json.Nodes;

namespace Jobman.Sandbox.Kubernetes;

/// <summary>
/// The kubelet's volume setup for pods whose containers run as local processes: <c>configMap</c> volumes are written
/// out as files (all keys, or <c>items</c> key → path) and <c>emptyDir</c> volumes are empty folders, each under a
/// per-pod temp folder. There is no mount namespace, so a container sees a volume through its command and args:
/// every word equal to a <c>mountPath</c>, or starting with it plus <c>/</c>, is rewritten to the folder.
/// </summary>
internal sealed class PodVolumes(ClusterStore store)
{
    /// <summary>
    /// Writes the pod's volumes under <paramref name="root"/>; returns null when done, else the kubelet's FailedMount
    /// message for the first volume that cannot be set up yet (a ConfigMap that does not exist, a missing key).
    /// </summary>
    public string? TrySetUp(JsonObject pod, string root)
    {
        var ns = KubeObjects.Namespace(pod);
        foreach (var volume in Volumes(pod))
        {
            var name = KubeObjects.Str(volume["name"]) ?? string.Empty;
            var folder = Path.Combine(root, name);
            if (volume["configMap"] is JsonObject source)
            {
                var error = WriteConfigMap(ns, source, folder);
                if (error is not null)
                {
                    TryDelete(folder);
                    return $"MountVolume.SetUp failed for volume \"{name}\" : {error}";
                }
            }
            else if (volume["emptyDir"] is not null)
            {
                Directory.CreateDirectory(folder);
            }
        }

        return null;
    }

    /// <summary>mountPath → local folder for the container's mounts of volumes that <see cref="TrySetUp"/> writes (subPath honoured).</summary>
    public static IReadOnlyList<(string MountPath, string Folder)> Mounts(JsonObject pod, JsonObject container, string root)
    {
        var supported = Volumes(pod).Where(v => v["configMap"] is not null || v["emptyDir"] is not null)
            .Select(v => KubeObjects.Str(v["name"])).ToHashSet(StringComparer.Ordinal);
        return (container["volumeMounts"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(m => supported.Contains(KubeObjects.Str(m["name"])) && KubeObjects.Str(m["mountPath"]) is { Length: > 0 })
            .Select(m => (
                KubeObjects.Str(m["mountPath"])!.TrimEnd('/'),
                Path.Combine(root, KubeObjects.Str(m["name"])!, KubeObjects.Str(m["subPath"]) ?? string.Empty).TrimEnd('/')))
            // The longest mount path wins, as the deepest mount shadows the others in a container.
            .OrderByDescending(m => m.Item1.Length)
            .ToList();
    }

    /// <summary>The word with a leading mount path replaced by its local folder (unchanged when no mount matches).</summary>
    public static string Rewrite(string word, IReadOnlyList<(string MountPath, string Folder)> mounts)
    {
        foreach (var (mountPath, folder) in mounts)
        {
            if (word == mountPath)
            {
                return folder;
            }

            if (word.StartsWith(mountPath + "/", StringComparison.Ordinal))
            {
                return folder + word[mountPath.Length..];
            }
        }

        return word;
    }

    public static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a temp folder left behind must not fail a pod.
        }
    }

    private string? WriteConfigMap(string? ns, JsonObject source, string folder)
    {
        var name = KubeObjects.Str(source["name"]) ?? string.Empty;
        var optional = KubeObjects.Bool(source["optional"]) == true;
        Dictionary<string, byte[]> data;
        lock (store.Gate)
        {
            var configMap = store.Live(ResourceType.ConfigMaps, ns, name);
            if (configMap is null)
            {
                if (!optional)
                {
                    return $"configmap \"{name}\" not found";
                }

                Directory.CreateDirectory(folder);
                return null;
            }

            data = (configMap["data"] as JsonObject ?? []).ToDictionary(kv => kv.Key, kv => System.Text.Encoding.UTF8.GetBytes(KubeObjects.Str(kv.Value) ?? string.Empty), StringComparer.Ordinal);
            foreach (var (key, value) in configMap["binaryData"] as JsonObject ?? [])
            {
                data[key] = Convert.FromBase64String(KubeObjects.Str(value) ?? string.Empty);
            }
        }

        var files = new List<(string Path, byte[] Content)>();
        if (source["items"] is JsonArray { Count: > 0 } items)
        {
            foreach (var item in items.OfType<JsonObject>())
            {
                var key = KubeObjects.Str(item["key"]) ?? string.Empty;
                if (!data.TryGetValue(key, out var content))
                {
                    if (optional)
                    {
                        continue;
                    }

                    return $"configmap references non-existent config key: {key}";
                }

                files.Add((KubeObjects.Str(item["path"]) ?? key, content));
            }
        }
        else
        {
            files.AddRange(data.Select(kv => (kv.Key, kv.Value)));
        }

        Directory.CreateDirectory(folder);
        foreach (var (path, content) in files)
        {
            var file = Path.GetFullPath(Path.Combine(folder, path));
            // apiserver refuses ".." in item paths; never write outside the volume even if one slipped through.
            if (!file.StartsWith(Path.GetFullPath(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllBytes(file, content);
        }

        return null;
    }

    private static IEnumerable<JsonObject> Volumes(JsonObject pod) => (pod["spec"]?["volumes"] as JsonArray ?? []).OfType<JsonObject>();
}
