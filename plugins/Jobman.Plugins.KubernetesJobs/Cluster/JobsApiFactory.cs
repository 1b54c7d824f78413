using Jobman.Core.Commands;
using Jobman.Kubernetes;

namespace Jobman.Plugins.KubernetesJobs.Cluster;

/// <summary>Connects for one command run, using the command's --kubeconfig/--context/--namespace.</summary>
internal sealed class JobsApiFactory(ClusterConnector connector, KubernetesRetry retry)
{
    public JobsApi Connect(CommandInvocation invocation) => new(connector.Connect(KubernetesOptions.From(invocation)), retry);
}
