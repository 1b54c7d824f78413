namespace Jobman.Plugins.KubernetesJobs.Tests.Cluster;

/// <summary>On a cluster without Kueue a queued job would stay suspended for ever: submit --queue refuses it.</summary>
public class NoKueueSubmitTests : ClusterTest
{
    [Test]
    public async Task A_queue_on_a_cluster_without_kueue_is_refused_before_anything_is_created()
    {
        Cluster.ClearRequests();

        var result = await Run("submit", "-i", "busybox", "-r", "no-gpu", "-j", "stuck", "--queue", "user-queue", "--", "true");

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Be("error: this cluster has no Kueue (kueue.x-k8s.io is not served), so a job in queue 'user-queue' would stay suspended; submit without --queue (or unset job.queue)\n");
        Cluster.Requests.Should().NotContain(r => r.Method == "POST");
        Cluster.Store.Jobs(Ns).Should().BeEmpty();
    }
}
