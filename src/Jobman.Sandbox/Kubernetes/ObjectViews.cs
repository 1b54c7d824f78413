using System.Text.Json.Nodes;

namespace Jobman.Sandbox.Kubernetes;

/// <summary>How a stored object is shown through the API version a request named (conversion on the way out).</summary>
internal static class ObjectViews
{
    /// <summary>A copy of <paramref name="stored"/> as <paramref name="type"/>: with kind/apiVersion (single objects, watch
    /// events) or without (list items).</summary>
    public static JsonObject Present(ResourceType type, JsonObject stored, bool withTypeMeta)
    {
        if (type == ResourceType.EventsV1)
        {
            return EventsV1Conversion.FromCore(stored, withTypeMeta);
        }

        if (type.IsKueue)
        {
            // Custom resources are unstructured: apiserver keeps kind/apiVersion on list items too.
            return KubeObjects.WithTypeMeta(type, Kueue.KueueConversion.ToServed(type.Kind, type.Version, stored));
        }

        return withTypeMeta ? KubeObjects.WithTypeMeta(type, stored) : KubeObjects.WithoutTypeMeta(stored);
    }
}
