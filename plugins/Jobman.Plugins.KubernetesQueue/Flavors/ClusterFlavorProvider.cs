using ClusterTarget = Jobman.Core.Commands.ClusterTarget;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jobman.Core;
using Jobman.Core.Flavors;
using Jobman.Core.Hosting;
using Jobman.Core.Settings;
using Jobman.Kubernetes;
using Jobman.Kubernetes.Names;
using k8s;

namespace Jobman.Plugins.KubernetesQueue.Flavors;

/// <summary>
/// Flavors an administrator publishes for everyone: ConfigMap <c>sharedConfigmap</c> in <c>sharedNamespace</c>,
/// data key <c>flavors</c> holding a JSON array in the settings' flavor shape
/// (<c>[{name, description?, maxRunTime?, resources:{requests, limits?}}]</c>).
/// Not configured or no such ConfigMap/key: no flavors. Unreadable (403, unreachable, malformed): the source is
/// reported unavailable, so <c>resources-flavors</c> warns and still lists the other sources.
/// </summary>
internal sealed class ClusterFlavorProvider(JobmanSettings settings, ClusterConnector connector, JobmanEnvironment environment) : IResourceFlavorProvider
{
    public const string DataKey = "flavors";

    /// <summary>One quick attempt: this runs on every <c>resources-flavors</c> and <c>submit</c>.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public string Source => "cluster";

    /// <summary>
    /// Someone without any Kubernetes configuration simply has no cluster flavors (the settings template names the
    /// ConfigMap by default); a configuration that exists but fails is worth a warning.
    /// </summary>
    private bool ClusterConfigured() =>
        !string.Equals(settings.KubeConfig.Type, "default", StringComparison.OrdinalIgnoreCase)
        || !string.IsNullOrWhiteSpace(environment.GetVariable("KUBECONFIG"))
        || File.Exists(Path.Combine(environment.HomeDirectory, ".kube", "config"))
        || KubernetesClientConfiguration.IsInCluster();

    public Task<IReadOnlyList<ResourceFlavor>> GetFlavorsAsync(CancellationToken cancellationToken) =>
        GetFlavorsAsync(ClusterTarget.Default, cancellationToken);

    /// <summary>
    /// Reads the ConfigMap on the cluster the command chose (its <c>--kubeconfig</c> and <c>--context</c>); the
    /// ConfigMap stays in <c>sharedNamespace</c>, whatever <c>-n</c> says, because an administrator publishes it there.
    /// </summary>
    public async Task<IReadOnlyList<ResourceFlavor>> GetFlavorsAsync(ClusterTarget cluster, CancellationToken cancellationToken)
    {
        var ns = settings.SharedNamespace;
        var name = settings.SharedConfigmap;
        if (ns is null || name is null || (cluster.KubeconfigPath is null && !ClusterConfigured()))
        {
            return [];
        }

        // Both go into the URL: checked like every name jobman sends.
        _ = NamespaceName.Parse(ns, "settings sharedNamespace");
        _ = ObjectName.Parse(name, "ConfigMap", "settings sharedConfigmap");
        var where = $"ConfigMap '{ns}/{name}'";
        ClusterConnection connection;
        try
        {
            connection = connector.Connect(ClusterSelection.From(cluster));
        }
        catch (JobmanException ex)
        {
            throw new FlavorSourceUnavailableException(Source, ex.Message, ex);
        }

        using (connection)
        {
            k8s.Models.V1ConfigMap configMap;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            try
            {
                configMap = await connection.Client.CoreV1.ReadNamespacedConfigMapAsync(name, ns, cancellationToken: timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (KubernetesErrors.StatusCodeOf(ex) == HttpStatusCode.NotFound)
            {
                return [];
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                var mapped = ex is OperationCanceledException
                    ? $"reading {where} timed out after {Timeout.TotalSeconds:0}s"
                    : KubernetesErrors.Map(ex, connection, $"read {where}").Message;
                throw new FlavorSourceUnavailableException(Source, mapped, ex);
            }

            if (configMap.Data is null || !configMap.Data.TryGetValue(DataKey, out var json) || string.IsNullOrWhiteSpace(json))
            {
                return [];
            }

            JsonNode? node;
            try
            {
                node = Jobman.Core.Text.StrictJson.Parse(json);
            }
            catch (JsonException ex)
            {
                throw new FlavorSourceUnavailableException(Source, $"{where} key '{DataKey}' is not valid JSON (line {(ex.LineNumber ?? 0) + 1})", ex);
            }

            try
            {
                return ResourceFlavorParser.ParseList(node, Source, $"{where} key '{DataKey}'");
            }
            catch (JobmanException ex)
            {
                throw new FlavorSourceUnavailableException(Source, ex.Message, ex);
            }
        }
    }
}
