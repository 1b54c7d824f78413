using System.Text.Json.Nodes;
using Jobman.Sandbox.Harbor;
using Jobman.Sandbox.Kubernetes;

namespace Jobman.Sandbox.World;

/// <summary>
/// Everything <c>jobman sandbox</c> serves: the Kubernetes API double (user namespace, the queue and flavors set-up of
/// a shared cluster) and a Harbor registry, plus the files pointing jobman and kubectl at them, written beside the
/// kubeconfig: <c>kubeconfig</c> (contexts <c>jobman-sandbox</c> for the user, <c>sandbox-admin</c> for a cluster admin and <c>jobman-sandbox-publisher</c> for
/// the queue publisher's service account), <c>settings.json</c>, <c>harbor-ca.pem</c>, <c>harbor-credentials.json</c>.
/// Secret files are 0600 in a 0700 folder.
/// </summary>
public sealed class SandboxWorld : IAsyncDisposable
{
    public const string UserContext = "jobman-sandbox";
    public const string PublisherContext = "jobman-sandbox-publisher";

    /// <summary>A cluster-admin context, for trying admin set-ups (e.g. <c>kubectl apply</c> of Kueue's examples).</summary>
    public const string AdminContext = "sandbox-admin";

    private SandboxWorld(KubernetesApiServer kubernetes, HarborServer harbor, string settingsPath)
    {
        Kubernetes = kubernetes;
        Harbor = harbor;
        SettingsPath = settingsPath;
    }

    public KubernetesApiServer Kubernetes { get; }

    public HarborServer Harbor { get; }

    /// <summary>The jobman settings the sandbox's commands use (JOBMAN_SETTINGS).</summary>
    public string SettingsPath { get; }

    public static async Task<SandboxWorld> StartAsync(string kubeconfigPath, string userNamespace, string userName, KubernetesApiServerOptions options)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(kubeconfigPath))!;
        Jobman.Core.Files.PrivateFiles.CreateFolder(folder);
        var kubernetes = await KubernetesApiServer.StartAsync(options);
        HarborServer? harbor = null;
        try
        {
            harbor = await HarborServer.StartAsync(https: true);
            var userToken = kubernetes.AddUser(userName, userNamespace);
            // The sandbox node has no GPU: GPU jobs stay Pending (Unschedulable) and line up in the queue, as on a busy cluster.
            kubernetes.Scenarios.ForOtherPods(pod => SandboxCluster.RequestsGpu(pod) ? JobScenario.InsufficientResource("nvidia.com/gpu") : null);
            var publisherToken = SandboxCluster.Seed(kubernetes);
            if (options.Kueue)
            {
                SandboxKueue.Seed(kubernetes, userNamespace);
            }

            var (robot, secret) = SandboxRegistry.Seed(harbor);

            Jobman.Core.Files.PrivateFiles.WriteAllText(kubeconfigPath, kubernetes.RenderKubeconfig("jobman-sandbox",
                new KubeconfigContext(UserContext, userToken, userNamespace),
                new KubeconfigContext(PublisherContext, publisherToken, SandboxCluster.QueueNamespace),
                new KubeconfigContext(AdminContext, kubernetes.AddClusterAdmin("sandbox-admin"), userNamespace)));
            var caBundle = Path.Combine(folder, "harbor-ca.pem");
            Jobman.Core.Files.PrivateFiles.WriteAllText(caBundle, harbor.CertificateAuthority!.CaPem);
            var credentials = Path.Combine(folder, "harbor-credentials.json");
            Jobman.Core.Files.PrivateFiles.WriteAllText(credentials, new JsonObject { ["username"] = robot, ["password"] = secret }.ToJsonString() + "\n");
            var settingsPath = Path.Combine(folder, "settings.json");
            var settings = Settings(Path.GetFullPath(kubeconfigPath), harbor.Url, caBundle, credentials);
            if (options.Kueue)
            {
                settings["job"]!["queue"] = SandboxKueue.LocalQueue;
            }

            Jobman.Core.Files.PrivateFiles.WriteAllText(settingsPath, settings.ToJsonString(new() { WriteIndented = true }) + "\n");
            return new SandboxWorld(kubernetes, harbor, settingsPath);
        }
        catch
        {
            if (harbor is not null)
            {
                await harbor.DisposeAsync();
            }

            await kubernetes.DisposeAsync();
            throw;
        }
    }

    /// <summary>Settings merged over the user's own: every key that decides where jobman connects points into the sandbox.</summary>
    private static JsonObject Settings(string kubeconfig, string harborUrl, string caBundle, string credentials) => new()
    {
        ["kubeConfig"] = new JsonObject { ["type"] = "file", ["file"] = kubeconfig },
        ["sharedNamespace"] = SandboxCluster.FlavorsNamespace,
        ["sharedConfigmap"] = SandboxCluster.FlavorsConfigMap,
        ["jobsQueue"] = new JsonObject
        {
            ["namespace"] = SandboxCluster.QueueNamespace,
            ["configmap"] = SandboxCluster.QueueConfigMap,
            ["gpuResources"] = new JsonArray("nvidia.com/gpu"),
        },
        ["job"] = new JsonObject { ["imagePrefix"] = $"{new Uri(harborUrl).Authority}/{SandboxRegistry.Project}/" },
        ["harbor"] = new JsonObject
        {
            ["url"] = harborUrl,
            ["project"] = SandboxRegistry.Project,
            ["caBundle"] = caBundle,
            ["credentialsFile"] = credentials,
        },
        ["ociRegistry"] = null,
        ["imageRegistry"] = "harbor",
    };

    public async ValueTask DisposeAsync()
    {
        await Harbor.DisposeAsync();
        await Kubernetes.DisposeAsync();
    }
}
