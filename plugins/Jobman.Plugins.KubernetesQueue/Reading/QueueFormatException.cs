namespace Jobman.Plugins.KubernetesQueue.Reading;

/// <summary>The queue document is not in any shape jobman understands; the message says where.</summary>
internal sealed class QueueFormatException(string message, Exception? innerException = null) : Exception(message, innerException);
