using Jobman.Core;
using Jobman.Core.Hosting;
using Jobman.Core.Settings;
using k8s;
using k8s.Exceptions;
using k8s.KubeConfigModels;

namespace Jobman.Kubernetes;

/// <summary>
/// Builds a client the way kubectl would: <c>--kubeconfig</c>, else settings <c>kubeConfig</c> (type <c>file</c> or
/// <c>cluster</c>), else <c>KUBECONFIG</c> (merged, first wins), else <c>~/.kube/config</c>, else in-cluster.
/// Environment and home come from <see cref="JobmanEnvironment"/> so tests stay isolated.
/// </summary>
public sealed class ClusterConnector(JobmanSettings settings, JobmanEnvironment environment)
{
    /// <summary>Connects (no request is sent yet).</summary>
    /// <param name="selection">Command-line choices.</param>
    /// <returns>The connection.</returns>
    /// <exception cref="JobmanException">When no usable kubeconfig exists or it is invalid (exit code 2).</exception>
    public ClusterConnection Connect(ClusterSelection selection)
    {
        TrustStoreWarmUp.Start();
        var (configuration, user) = BuildConfiguration(selection);
        // The context's namespace goes into every URL too: it gets the same check as -n.
        var ns = Names.NamespaceName.Parse(selection.Namespace ?? configuration.Namespace ?? "default", selection.Namespace is null ? "kubeconfig context namespace" : "-n/--namespace").Value;
        return new ClusterConnection(new k8s.Kubernetes(configuration), ns, configuration.Host ?? "?", user);
    }

    private (KubernetesClientConfiguration Configuration, string User) BuildConfiguration(ClusterSelection selection)
    {
        try
        {
            if (selection.KubeconfigPath is not null)
            {
                return FromFiles([selection.KubeconfigPath], selection.Context, "--kubeconfig");
            }

            var kube = settings.KubeConfig;
            switch (kube.Type.ToLowerInvariant())
            {
                case "cluster":
                    return InCluster();
                case "file":
                    if (string.IsNullOrWhiteSpace(kube.File))
                    {
                        throw JobmanException.Usage("settings kubeConfig.type is 'file' but kubeConfig.file is not set");
                    }

                    return FromFiles([kube.File], selection.Context, "settings kubeConfig.file");
                case "default":
                    break;
                default:
                    throw JobmanException.Usage($"settings kubeConfig.type '{kube.Type}' is not valid: use 'default', 'file' or 'cluster'");
            }

            var fromEnv = environment.GetVariable("KUBECONFIG");
            if (!string.IsNullOrWhiteSpace(fromEnv))
            {
                var files = fromEnv.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Where(File.Exists).ToList();
                if (files.Count > 0)
                {
                    return FromFiles(files, selection.Context, "KUBECONFIG");
                }
            }

            var home = Path.Combine(environment.HomeDirectory, ".kube", "config");
            if (File.Exists(home))
            {
                return FromFiles([home], selection.Context, home);
            }

            if (KubernetesClientConfiguration.IsInCluster())
            {
                return InCluster();
            }

            throw JobmanException.Usage("no Kubernetes configuration found: set KUBECONFIG, create ~/.kube/config, pass --kubeconfig, or set kubeConfig in settings");
        }
        catch (KubeConfigException ex)
        {
            throw JobmanException.Usage($"invalid kubeconfig: {ex.Message}", ex);
        }
    }

    private static (KubernetesClientConfiguration, string) InCluster()
    {
        if (!KubernetesClientConfiguration.IsInCluster())
        {
            throw JobmanException.Usage("settings kubeConfig.type is 'cluster' but jobman is not running inside a Kubernetes pod");
        }

        return (KubernetesClientConfiguration.InClusterConfig(), "in-cluster service account");
    }

    private static (KubernetesClientConfiguration, string) FromFiles(IReadOnlyList<string> paths, string? context, string origin)
    {
        var missing = paths.FirstOrDefault(p => !File.Exists(p));
        if (missing is not null)
        {
            throw JobmanException.Usage($"kubeconfig '{missing}' ({origin}) does not exist");
        }

        var merged = Merge(paths.Select(LoadOne).ToList());
        if (context is not null && merged.Contexts?.Any(c => c.Name == context) != true)
        {
            throw JobmanException.Usage($"context '{context}' is not in the kubeconfig ({origin}); available: {string.Join(", ", merged.Contexts?.Select(c => c.Name) ?? [])}");
        }

        var contextName = context ?? merged.CurrentContext;
        var user = merged.Contexts?.FirstOrDefault(c => c.Name == contextName)?.ContextDetails?.User ?? "unknown";
        try
        {
            return (KubernetesClientConfiguration.BuildConfigFromConfigObject(merged, context), user);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or System.Security.Cryptography.CryptographicException)
        {
            // A certificate-authority or client-certificate file that is missing or not PEM.
            throw JobmanException.Usage($"kubeconfig ({origin}): {Core.Text.TerminalText.OneLine(ex.Message)}", ex);
        }
    }

    /// <summary>One kubeconfig file, refused with a usage error naming the file (and line) when it is not usable.</summary>
    private static K8SConfiguration LoadOne(string path)
    {
        if (string.IsNullOrWhiteSpace(Core.Files.InputFiles.ReadText(path, "kubeconfig")))
        {
            throw JobmanException.Usage($"kubeconfig '{path}' is empty");
        }

        K8SConfiguration? config;
        try
        {
            config = KubeconfigReader.Load(path);
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw JobmanException.Usage($"kubeconfig '{path}' is not valid YAML (line {ex.Start.Line}, column {ex.Start.Column})", ex);
        }
        catch (KubeConfigException ex) when (ex.InnerException is YamlDotNet.Core.YamlException yaml)
        {
            throw JobmanException.Usage($"kubeconfig '{path}' is not valid YAML (line {yaml.Start.Line}, column {yaml.Start.Column})", ex);
        }
        catch (Exception ex) when (ex is NullReferenceException or InvalidCastException or ArgumentException)
        {
            // KubernetesClient's reader fails this way on YAML that is not a kubeconfig mapping (a list, a scalar).
            throw JobmanException.Usage($"kubeconfig '{path}' is not a kubeconfig (expected clusters, contexts and users)", ex);
        }

        return config ?? throw JobmanException.Usage($"kubeconfig '{path}' is empty");
    }

    /// <summary>Merges kubeconfigs like kubectl: the first file to define a name wins.</summary>
    private static K8SConfiguration Merge(IReadOnlyList<K8SConfiguration> configs)
    {
        if (configs.Count == 1)
        {
            return configs[0];
        }

        static List<T> FirstWins<T>(IEnumerable<IEnumerable<T>?> lists, Func<T, string?> name) =>
            lists.SelectMany(l => l ?? []).GroupBy(name).Select(g => g.First()).ToList();

        var merged = configs[0];
        merged.CurrentContext = configs.Select(c => c.CurrentContext).FirstOrDefault(c => !string.IsNullOrEmpty(c));
        merged.Contexts = FirstWins(configs.Select(c => c.Contexts), c => c.Name);
        merged.Clusters = FirstWins(configs.Select(c => c.Clusters), c => c.Name);
        merged.Users = FirstWins(configs.Select(c => c.Users), u => u.Name);
        return merged;
    }
}
