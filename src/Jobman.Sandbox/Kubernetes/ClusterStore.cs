using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Jobman.Sandbox.Kubernetes;

/// <summary>
/// The double's etcd: every object of every served resource, one global resourceVersion counter, and the change
/// history watches replay from. Tests use the public members to seed and inspect state; everything returned is a copy.
/// </summary>
public sealed class ClusterStore
{
    private const int HistoryLimit = 20000;

    private readonly Dictionary<ResourceType, SortedDictionary<string, JsonObject>> _objects =
        ResourceType.All.ToDictionary(t => t, _ => new SortedDictionary<string, JsonObject>(StringComparer.Ordinal));

    private readonly List<WatchEvent> _history = [];
    private readonly List<Subscription> _subscriptions = [];
    private readonly HashSet<string> _unmanagedJobUids = [];
    private readonly Dictionary<string, long> _createdRevision = new(StringComparer.Ordinal);
    private long _resourceVersion = 1000;

    internal ClusterStore()
    {
    }

    /// <summary>Raised on the thread pool after every change (never under the lock); the job controller wakes on it.</summary>
    internal event Action? Changed;

    /// <summary>Every read-modify-write of live objects happens under this lock.</summary>
    internal object Gate { get; } = new();

    internal long CurrentResourceVersion
    {
        get
        {
            lock (Gate)
            {
                return _resourceVersion;
            }
        }
    }

    /// <summary>Creates the namespace if missing.</summary>
    public void CreateNamespace(string name)
    {
        lock (Gate)
        {
            if (Live(ResourceType.Namespaces, null, name) is not null)
            {
                return;
            }

            var ns = new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["name"] = name,
                    ["labels"] = new JsonObject { ["kubernetes.io/metadata.name"] = name },
                },
                ["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") },
                ["status"] = new JsonObject { ["phase"] = "Active" },
            };
            Add(ResourceType.Namespaces, null, ns);
        }
    }

    /// <summary>
    /// Stores a Job as if it had been created through the API (uid, labels, selector, defaults). With
    /// <paramref name="managed"/> false the job controller leaves it alone (use it for seeded historical jobs).
    /// </summary>
    public JsonObject PutJob(string ns, JsonObject job, bool managed = true)
    {
        var copy = (JsonObject)job.DeepClone();
        lock (Gate)
        {
            CreateNamespace(ns);
            JobAdmission.Admit(copy, ns);
            var name = KubeObjects.Name(copy)!;
            if (Live(ResourceType.Jobs, ns, name) is { } existing)
            {
                Remove(ResourceType.Jobs, existing);
            }

            if (!managed)
            {
                _unmanagedJobUids.Add(KubeObjects.Uid(copy)!);
            }

            return (JsonObject)Add(ResourceType.Jobs, ns, copy).DeepClone();
        }
    }

    /// <summary>Stores a Pod as given (uid, resourceVersion and creationTimestamp filled when missing); no kubelet runs it.</summary>
    public JsonObject PutPod(string ns, JsonObject pod)
    {
        var copy = (JsonObject)pod.DeepClone();
        lock (Gate)
        {
            CreateNamespace(ns);
            var name = KubeObjects.Name(copy) ?? throw new ArgumentException("pod needs metadata.name", nameof(pod));
            if (Live(ResourceType.Pods, ns, name) is { } existing)
            {
                Remove(ResourceType.Pods, existing);
            }

            KubeObjects.Child(copy, "status");
            return (JsonObject)Add(ResourceType.Pods, ns, copy).DeepClone();
        }
    }

    /// <summary>Creates or replaces a ConfigMap's data.</summary>
    public JsonObject PutConfigMap(string ns, string name, IDictionary<string, string> data)
    {
        lock (Gate)
        {
            CreateNamespace(ns);
            var dataNode = new JsonObject();
            foreach (var (key, value) in data)
            {
                dataNode[key] = value;
            }

            if (Live(ResourceType.ConfigMaps, ns, name) is { } existing)
            {
                existing["data"] = dataNode;
                Modified(ResourceType.ConfigMaps, existing);
                return (JsonObject)existing.DeepClone();
            }

            var cm = new JsonObject { ["metadata"] = new JsonObject { ["name"] = name }, ["data"] = dataNode };
            return (JsonObject)Add(ResourceType.ConfigMaps, ns, cm).DeepClone();
        }
    }

    /// <summary>Stores an Event (core/v1 shape) so clients listing events for an object find it.</summary>
    public JsonObject PutEvent(string ns, JsonObject evt)
    {
        var copy = (JsonObject)evt.DeepClone();
        lock (Gate)
        {
            CreateNamespace(ns);
            var meta = KubeObjects.Metadata(copy);
            meta["name"] ??= JobAdmission.GenerateName("event-");
            return (JsonObject)Add(ResourceType.Events, ns, copy).DeepClone();
        }
    }

    public JsonObject? GetConfigMap(string ns, string name) => Get(ResourceType.ConfigMaps, ns, name);

    public JsonObject? GetJob(string ns, string name) => Get(ResourceType.Jobs, ns, name);

    public JsonObject? GetPod(string ns, string name) => Get(ResourceType.Pods, ns, name);

    public IReadOnlyList<JsonObject> Jobs(string ns) => List(ResourceType.Jobs, ns);

    public IReadOnlyList<JsonObject> Pods(string ns) => List(ResourceType.Pods, ns);

    public IReadOnlyList<JsonObject> ConfigMaps(string ns) => List(ResourceType.ConfigMaps, ns);

    public IReadOnlyList<JsonObject> Workloads(string ns) => List(ResourceType.Workloads, ns);

    public IReadOnlyList<JsonObject> LocalQueues(string ns) => List(ResourceType.LocalQueues, ns);

    public JsonObject? GetClusterQueue(string name) => Get(ResourceType.ClusterQueues, null, name);

    /// <summary>
    /// Stores a Kueue object (ResourceFlavor, ClusterQueue, LocalQueue, WorkloadPriorityClass; <c>kind</c> and
    /// <c>apiVersion</c> kueue.x-k8s.io/v1beta2 or v1beta1) as if an admin had created it through the API.
    /// </summary>
    public JsonObject PutKueue(JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        var apiVersion = KubeObjects.Str(copy["apiVersion"]) ?? string.Empty;
        var type = ResourceType.All.FirstOrDefault(t => t.IsKueue && t.Kind == KubeObjects.Str(copy["kind"]) && t.ApiVersion == apiVersion)
            ?? throw new ArgumentException($"not a Kueue kind/apiVersion: {copy["kind"]} {apiVersion}", nameof(obj));
        copy = Kueue.KueueConversion.ToStorage(type.Kind, type.Version, copy);
        lock (Gate)
        {
            var ns = type.Namespaced ? KubeObjects.Namespace(copy) ?? throw new ArgumentException("namespaced kind needs metadata.namespace", nameof(obj)) : null;
            if (ns is not null)
            {
                CreateNamespace(ns);
            }

            Kueue.KueueAdmission.Admit(type.Storage, copy, ns);
            if (Live(type.Storage, ns, KubeObjects.Name(copy)!) is { } existing)
            {
                Remove(type.Storage, existing);
            }

            return (JsonObject)Add(type.Storage, ns, copy).DeepClone();
        }
    }

    public IReadOnlyList<string> Namespaces()
    {
        lock (Gate)
        {
            return _objects[ResourceType.Namespaces].Keys.ToList();
        }
    }

    /// <summary>The resourceVersion an object was created at: creation order finer than creationTimestamp's seconds.</summary>
    internal long CreatedRevision(JsonObject obj) => _createdRevision.GetValueOrDefault(KubeObjects.Uid(obj) ?? string.Empty);

    internal bool IsManaged(JsonObject job) => !_unmanagedJobUids.Contains(KubeObjects.Uid(job) ?? string.Empty);

    private JsonObject? Get(ResourceType type, string? ns, string name)
    {
        lock (Gate)
        {
            return Live(type, ns, name)?.DeepClone() as JsonObject;
        }
    }

    private List<JsonObject> List(ResourceType type, string? ns)
    {
        lock (Gate)
        {
            return LiveAll(type, ns).Select(o => (JsonObject)o.DeepClone()).ToList();
        }
    }

    // ---- live access: callers hold Gate ----

    internal JsonObject? Live(ResourceType type, string? ns, string name) =>
        _objects[type].GetValueOrDefault(KubeObjects.Key(type.Namespaced ? ns : null, name));

    /// <summary>Objects ordered by storage key (namespace/name), as etcd returns them.</summary>
    internal IEnumerable<KeyValuePair<string, JsonObject>> LiveEntries(ResourceType type, string? ns) =>
        ns is null
            ? _objects[type]
            : _objects[type].Where(kv => kv.Key.StartsWith(ns + "/", StringComparison.Ordinal));

    internal IEnumerable<JsonObject> LiveAll(ResourceType type, string? ns) => LiveEntries(type, ns).Select(kv => kv.Value);

    /// <summary>Stores a new object: stamps uid, creationTimestamp, namespace and a fresh resourceVersion; emits ADDED.</summary>
    internal JsonObject Add(ResourceType type, string? ns, JsonObject obj)
    {
        var meta = KubeObjects.Metadata(obj);
        if (type.Namespaced)
        {
            meta["namespace"] = ns;
        }

        meta["uid"] ??= Guid.NewGuid().ToString();
        meta["creationTimestamp"] ??= KubeObjects.Time(DateTimeOffset.UtcNow);
        meta["resourceVersion"] = NextResourceVersion();
        _createdRevision[KubeObjects.Uid(obj)!] = _resourceVersion;
        KubeObjects.Canonicalize(obj);
        _objects[type][KubeObjects.Key(type.Namespaced ? ns : null, KubeObjects.Name(obj)!)] = obj;
        Publish(type, "ADDED", obj);
        return obj;
    }

    /// <summary>
    /// Records a change to a live object. An object marked for deletion whose finalizers are gone (and, for pods, whose
    /// containers have stopped) is removed, exactly as apiserver completes a graceful delete.
    /// </summary>
    internal void Modified(ResourceType type, JsonObject obj)
    {
        var meta = KubeObjects.Metadata(obj);
        if (meta["deletionTimestamp"] is not null && (meta["finalizers"] as JsonArray is not { Count: > 0 }) && !IsStillRunningPod(type, obj))
        {
            Remove(type, obj);
            return;
        }

        meta["resourceVersion"] = NextResourceVersion();
        KubeObjects.Canonicalize(obj);
        Publish(type, "MODIFIED", obj);
    }

    internal void Remove(ResourceType type, JsonObject obj)
    {
        var key = KubeObjects.Key(type.Namespaced ? KubeObjects.Namespace(obj) : null, KubeObjects.Name(obj)!);
        if (!_objects[type].Remove(key))
        {
            return;
        }

        KubeObjects.Metadata(obj)["resourceVersion"] = NextResourceVersion();
        _createdRevision.Remove(KubeObjects.Uid(obj) ?? string.Empty);
        Publish(type, "DELETED", obj);
    }

    /// <summary>Set by the kubelet: true while a pod's containers still run (a deleted pod stays until they stop).</summary>
    internal Func<JsonObject, bool>? PodHasRunningContainers { get; set; }

    private bool IsStillRunningPod(ResourceType type, JsonObject obj) =>
        type == ResourceType.Pods && PodHasRunningContainers?.Invoke(obj) == true;

    private string NextResourceVersion() => (++_resourceVersion).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private void Publish(ResourceType type, string eventType, JsonObject obj)
    {
        var evt = new WatchEvent(_resourceVersion, type, eventType, KubeObjects.Namespace(obj), KubeObjects.WithTypeMeta(type, obj).ToJsonString(KubeObjects.Wire));
        _history.Add(evt);
        if (_history.Count > HistoryLimit)
        {
            _history.RemoveRange(0, _history.Count - HistoryLimit);
        }

        foreach (var sub in _subscriptions)
        {
            if (sub.Type == type && (sub.Namespace is null || sub.Namespace == evt.Namespace))
            {
                sub.Channel.Writer.TryWrite(evt);
            }
        }

        ThreadPool.QueueUserWorkItem(_ => Changed?.Invoke());
    }

    // ---- watch support ----

    internal sealed class Subscription(ClusterStore store, ResourceType type, string? ns) : IDisposable
    {
        public ResourceType Type { get; } = type;

        public string? Namespace { get; } = ns;

        public Channel<WatchEvent> Channel { get; } = System.Threading.Channels.Channel.CreateUnbounded<WatchEvent>();

        public void Dispose()
        {
            lock (store.Gate)
            {
                store._subscriptions.Remove(this);
            }

            Channel.Writer.TryComplete();
        }
    }

    /// <summary>
    /// Starts a watch. Without a resourceVersion (or "0") the current objects come first as synthetic ADDED events;
    /// with one, stored history after it is replayed. Returns null for the initial events when the version is too old.
    /// </summary>
    internal (List<WatchEvent>? Initial, long OldestKnown, long Current, Subscription Subscription) Subscribe(ResourceType type, string? ns, long? fromVersion)
    {
        lock (Gate)
        {
            var sub = new Subscription(this, type, ns);
            _subscriptions.Add(sub);
            List<WatchEvent>? initial;
            var oldest = _history.Count > 0 ? _history[0].ResourceVersion - 1 : _resourceVersion;
            if (fromVersion is null or 0)
            {
                initial = LiveAll(type, ns)
                    .Select(o => new WatchEvent(_resourceVersion, type, "ADDED", KubeObjects.Namespace(o), KubeObjects.WithTypeMeta(type, o).ToJsonString(KubeObjects.Wire)))
                    .ToList();
            }
            else if (fromVersion < oldest)
            {
                initial = null;
            }
            else
            {
                initial = _history.Where(e => e.ResourceVersion > fromVersion && e.Type == type && (ns is null || e.Namespace == ns)).ToList();
            }

            return (initial, oldest, _resourceVersion, sub);
        }
    }
}
