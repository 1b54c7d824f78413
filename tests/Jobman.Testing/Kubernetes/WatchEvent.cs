using System.Text.Json.Nodes;

namespace Jobman.Testing.Kubernetes;

/// <summary>One stored change; <see cref="Object"/> carries kind/apiVersion like a watch event on the wire.</summary>
internal sealed record WatchEvent(long ResourceVersion, ResourceType Type, string EventType, string? Namespace, JsonObject Object);
