using System.Text.Json.Serialization;

namespace Jobman.Plugins.KubernetesJobs.Cluster.Slim;

/// <summary>
/// Reads job and pod lists into the few fields jobman shows. KubernetesClient's reflection-based reader builds
/// serializers for the whole object graph (pod specs, volumes, probes: hundreds of types) on first use, which cost
/// ~250 ms of every <c>jobman list</c> (bench/RESULTS.md); this source-generated reader skips unread fields instead.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(SlimList<SlimJob>))]
[JsonSerializable(typeof(SlimList<SlimPod>))]
[JsonSerializable(typeof(SlimJob))]
[JsonSerializable(typeof(SlimPod))]
internal sealed partial class SlimJson : JsonSerializerContext;
