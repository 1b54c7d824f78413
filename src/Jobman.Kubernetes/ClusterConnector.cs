using System.Net;
using System.Text.Json.Nodes;
using Jobman.Core;
using Jobman.Core.Hosting;
using Jobman.Core.Settings;
using Jobman.Kubernetes.Kubeconfig;
using Jobman.Kubernetes.Transport;

namespace Jobman.Kubernetes;

/// <summary>
/// Finds the cluster the way kubectl does: <c>--kubeconfig</c>, else settings <c>kubeConfig</c> (type <c>file</c> or
/// <c>cluster</c>), else <c>KUBECONFIG</c> (merged, first wins; missing files skipped, but never all of them), else
/// <c>~/.kube/config</c>, else in-cluster. <c>--context</c>, <c>--cluster</c>, <c>--user</c> and <c>-n</c> pick
/// entries like kubectl's flags. Environment and home come from <see cref="JobmanEnvironment"/> so tests stay isolated.
/// </summary>
public sealed class ClusterConnector
{
    private readonly JobmanSettings _settings;
    private readonly JobmanEnvironment _environment;

    /// <summary>Creates the connector (a command that connects is about to run): starts warming up the kubeconfig parser.</summary>
    /// <param name="settings">The settings (kubeConfig section).</param>
    /// <param name="environment">Environment variables and home.</param>
    public ClusterConnector(JobmanSettings settings, JobmanEnvironment environment)
    {
        _settings = settings;
        _environment = environment;
        KubeconfigReader.WarmUp();
    }

    /// <summary>The service-account folder of in-cluster pods (tests point it elsewhere).</summary>
    internal string ServiceAccountFolder { get; init; } = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>Connects (no request is sent yet).</summary>
    /// <param name="selection">Command-line choices.</param>
    /// <returns>The connection.</returns>
    /// <exception cref="JobmanException">When no usable kubeconfig exists or it is invalid (exit code 2).</exception>
    public ClusterConnection Connect(ClusterSelection selection)
    {
        TrustStoreWarmUp.Start();
        var target = Resolve(selection);
        // The context's (or pod's) namespace goes into every URL too: it gets the same check as -n.
        Names.NamespaceName.Parse(target.Namespace, selection.Namespace is null ? "kubeconfig context namespace" : "-n/--namespace");
        return ClusterClientFactory.Create(target, selection.RequestTimeout, _environment);
    }

    /// <summary>What <see cref="Connect"/> would connect to, without building a client.</summary>
    /// <param name="selection">Command-line choices.</param>
    /// <returns>The cluster, user and namespace.</returns>
    public ClusterTarget Resolve(ClusterSelection selection)
    {
        if (selection.KubeconfigPath is not null)
        {
            return FromFiles([selection.KubeconfigPath], selection, "--kubeconfig");
        }

        var kube = _settings.KubeConfig;
        var type = kube.Type.ToLowerInvariant();
        switch (type)
        {
            case "cluster":
                return InCluster(selection) ?? throw JobmanException.Usage("settings kubeConfig.type is 'cluster' but jobman is not running inside a Kubernetes pod");
            case "file":
            case "default" when !string.IsNullOrWhiteSpace(kube.File):
                // A file without a type is what the user meant: use it (documented in README, "Kubeconfigs").
                if (string.IsNullOrWhiteSpace(kube.File))
                {
                    throw JobmanException.Usage("settings kubeConfig.type is 'file' but kubeConfig.file is not set");
                }

                return FromFiles([SettingsPath(kube.File)], selection, "settings kubeConfig.file");
            case "default":
                break;
            default:
                throw JobmanException.Usage($"settings kubeConfig.type '{kube.Type}' is not valid: use 'default', 'file' or 'cluster'");
        }

        var fromEnv = _environment.GetVariable("KUBECONFIG");
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            var named = fromEnv.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            var files = named.Where(File.Exists).ToList();
            return files.Count > 0
                ? FromFiles(files, selection, "KUBECONFIG")
                : throw JobmanException.Usage($"KUBECONFIG names no existing file ({string.Join(", ", named)}); fix or unset it");
        }

        var home = Path.Combine(_environment.HomeDirectory, ".kube", "config");
        if (File.Exists(home))
        {
            return FromFiles([home], selection, home);
        }

        return InCluster(selection)
            ?? throw JobmanException.Usage("no Kubernetes configuration found: set KUBECONFIG, create ~/.kube/config, pass --kubeconfig, or set kubeConfig in settings");
    }

    /// <summary>settings <c>kubeConfig.file</c>: <c>~</c> is the home folder; a relative path is relative to the settings file that set it.</summary>
    private string SettingsPath(string file)
    {
        if (file == "~" || file.StartsWith("~/", StringComparison.Ordinal))
        {
            return Path.Combine(_environment.HomeDirectory, file.TrimStart('~').TrimStart('/'));
        }

        if (Path.IsPathRooted(file))
        {
            return file;
        }

        var source = _settings.Sources.Reverse().FirstOrDefault(DefinesKubeconfigFile);
        var folder = source is not null ? Path.GetDirectoryName(Path.GetFullPath(source))! : Directory.GetCurrentDirectory();
        return Path.GetFullPath(Path.Combine(folder, file));
    }

    private static bool DefinesKubeconfigFile(string settingsFile)
    {
        try
        {
            return File.Exists(settingsFile) && JsonNode.Parse(File.ReadAllText(settingsFile))?["kubeConfig"]?["file"] is not null;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or IOException or InvalidOperationException)
        {
            return false;
        }
    }

    private ClusterTarget? InCluster(ClusterSelection selection)
    {
        var host = _environment.GetVariable("KUBERNETES_SERVICE_HOST");
        var port = _environment.GetVariable("KUBERNETES_SERVICE_PORT");
        var token = Path.Combine(ServiceAccountFolder, "token");
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port) || !File.Exists(token))
        {
            return null;
        }

        var server = $"https://{(IPAddress.TryParse(host, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{host}]" : host)}:{port}";
        var ca = Path.Combine(ServiceAccountFolder, "ca.crt");
        var cluster = new KubeCluster("in-cluster", server, File.Exists(ca) ? ca : null, null, false, null, null, null);
        var user = new KubeUser("in-cluster service account", null, token, null, null, null, null, null, null, null, []);

        // client-go: POD_NAMESPACE first (set from the downward API), then the service account's namespace file.
        var namespaceFile = Path.Combine(ServiceAccountFolder, "namespace");
        var ns = selection.Namespace
            ?? (_environment.GetVariable("POD_NAMESPACE") is { Length: > 0 } podNamespace ? podNamespace
            : File.Exists(namespaceFile) && File.ReadAllText(namespaceFile).Trim() is { Length: > 0 } fromFile ? fromFile
            : "default");
        return new ClusterTarget(cluster, user, ns, "in-cluster");
    }

    private ClusterTarget FromFiles(IReadOnlyList<string> paths, ClusterSelection selection, string origin)
    {
        var config = KubeconfigSet.Merge(paths.Select(p => File.Exists(p) ? KubeconfigReader.Load(p) : throw JobmanException.Usage($"kubeconfig '{p}' ({origin}) does not exist")).ToList());
        var contextName = selection.Context ?? config.CurrentContext;
        KubeContext? context = null;
        if (contextName is not null && !config.Contexts.TryGetValue(contextName, out context))
        {
            throw JobmanException.Usage($"context '{contextName}' is not in the kubeconfig ({origin}); available: {string.Join(", ", config.Contexts.Keys)}");
        }

        var clusterName = selection.Cluster ?? context?.Cluster;
        if (clusterName is null)
        {
            throw JobmanException.Usage($"the kubeconfig ({origin}) has no current context; pass --context (available: {string.Join(", ", config.Contexts.Keys)})");
        }

        if (!config.Clusters.TryGetValue(clusterName, out var cluster))
        {
            throw JobmanException.Usage($"cluster '{clusterName}' is not in the kubeconfig ({origin}); available: {string.Join(", ", config.Clusters.Keys)}");
        }

        if (string.IsNullOrEmpty(cluster.Server))
        {
            throw JobmanException.Usage($"cluster '{clusterName}' in the kubeconfig ({origin}) has no server");
        }

        var userName = selection.User ?? context?.User;
        KubeUser? user = null;
        if (userName is not null && !config.Users.TryGetValue(userName, out user))
        {
            throw JobmanException.Usage($"user '{userName}' is not in the kubeconfig ({origin}); available: {string.Join(", ", config.Users.Keys)}");
        }

        var ns = selection.Namespace ?? context?.Namespace ?? "default";
        return new ClusterTarget(cluster, user ?? new KubeUser("(none)", null, null, null, null, null, null, null, null, null, []), ns, origin);
    }
}
