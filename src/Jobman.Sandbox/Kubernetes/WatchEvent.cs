namespace Jobman.Sandbox.Kubernetes;

/// <summary>
/// One stored change. The object is kept serialised (with kind/apiVersion, as on the wire) so any number of watchers
/// can read it concurrently; each watcher parses its own copy for selector matching.
/// </summary>
internal sealed record WatchEvent(long ResourceVersion, ResourceType Type, string EventType, string? Namespace, string ObjectJson);
