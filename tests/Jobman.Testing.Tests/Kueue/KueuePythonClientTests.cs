using Jobman.Sandbox.Kubernetes;
using Jobman.Sandbox.Kubernetes.Kueue;
using Jobman.Testing.Tests.Kubernetes;

namespace Jobman.Testing.Tests.Kueue;

/// <summary>
/// The official Python client's CustomObjectsApi (the way Python users reach Kueue, which has no typed client there)
/// against the double's Kueue: create a LocalQueue, watch and patch custom objects, read a cluster-scoped one.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class KueuePythonClientTests
{
    private KubernetesApiServer _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await KubernetesApiServer.StartAsync(new KubernetesApiServerOptions { Kueue = true });
        _server.Store.PutKueue(KueueObjects.ResourceFlavor("default-flavor"));
        _server.Store.PutKueue(KueueObjects.ClusterQueue("cluster-queue", flavors: new KueueObjects.FlavorQuota("default-flavor", ("cpu", "2"))));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        var errors = _server.BackgroundErrors;
        await _server.DisposeAsync();
        errors.Should().BeEmpty();
    }

    [Test]
    public async Task Custom_objects_api_creates_lists_patches_and_reads_kueue_objects()
    {
        using var python = new PythonClientRunner(_server, _server.AddClusterAdmin("admin"), "team-a");
        _server.Store.CreateNamespace("team-a");

        var result = await python.RunAsync("""
            api = client.CustomObjectsApi()
            g, v = "kueue.x-k8s.io", "v1beta2"
            api.create_namespaced_custom_object(g, v, "team-a", "localqueues", {
                "apiVersion": g + "/" + v, "kind": "LocalQueue",
                "metadata": {"name": "py-queue"}, "spec": {"clusterQueue": "cluster-queue"}})
            for q in api.list_namespaced_custom_object(g, v, "team-a", "localqueues")["items"]:
                print("list", q["kind"], q["metadata"]["name"], q["spec"]["clusterQueue"])
            api.patch_namespaced_custom_object(g, v, "team-a", "localqueues", "py-queue", {"metadata": {"labels": {"team": "a"}}})
            print("patched", api.get_namespaced_custom_object(g, "v1beta1", "team-a", "localqueues", "py-queue")["metadata"]["labels"]["team"])
            cq = api.get_cluster_custom_object(g, v, "clusterqueues", "cluster-queue")
            print("cq", cq["spec"]["queueingStrategy"], cq["spec"]["resourceGroups"][0]["flavors"][0]["resources"][0]["nominalQuota"])
            try:
                api.get_cluster_custom_object(g, v, "clusterqueues", "missing")
            except client.exceptions.ApiException as e:
                print("missing", e.status)
            """);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Be("list LocalQueue py-queue cluster-queue\npatched a\ncq BestEffortFIFO 2\nmissing 404\n");
        _server.Requests.Should().Contain(r => r.Method == "PATCH" && r.Path == "/apis/kueue.x-k8s.io/v1beta2/namespaces/team-a/localqueues/py-queue" && r.StatusCode == 200);
    }
}
