using Jobman.Plugins.KubernetesQueue.Model;

namespace Jobman.Plugins.KubernetesQueue.Publishing;

/// <summary>The document to publish and how it was built.</summary>
/// <param name="Json">UTF-8 JSON.</param>
/// <param name="Form">Full or compact.</param>
/// <param name="Detail">For the compact form, the detail that fitted.</param>
internal sealed record QueueDocument(byte[] Json, QueueForm Form, CompactDetail? Detail);
