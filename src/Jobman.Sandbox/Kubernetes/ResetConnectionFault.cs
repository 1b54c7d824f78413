namespace Jobman.Sandbox.Kubernetes;

/// <summary>The connection is reset under the request, with no answer at all.</summary>
public sealed record ResetConnectionFault : Fault;
