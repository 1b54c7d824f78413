namespace Jobman.Plugins.KubernetesJobs.Cluster.Slim;

// The fields of list responses that list, details, logs and wait read, named as in the API's JSON. Everything else
// in a response is skipped by the reader without being materialised (see SlimReader for why).

internal sealed class SlimList<T>
{
    public SlimListMeta? Metadata { get; set; }

    public List<T>? Items { get; set; }
}
