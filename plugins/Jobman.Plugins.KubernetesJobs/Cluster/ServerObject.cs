using System.Text.Json.Nodes;

namespace Jobman.Plugins.KubernetesJobs.Cluster;

/// <summary>An object exactly as the API server sent it (for <c>-o json|yaml</c>) and jobman's reading of it.</summary>
internal sealed record ServerObject<T>(JsonObject Json, T View);
