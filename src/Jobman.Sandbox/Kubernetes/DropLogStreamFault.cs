namespace Jobman.Sandbox.Kubernetes;

public sealed record DropLogStreamFault(long AfterBytes) : Fault;
