namespace Jobman.Plugins.KubernetesQueue.Publishing;

/// <summary>How the write went.</summary>
/// <param name="Created">True when the ConfigMap did not exist yet.</param>
/// <param name="Attempts">GET + write rounds needed (more than one after a conflict).</param>
internal sealed record QueueWriteResult(bool Created, int Attempts);
