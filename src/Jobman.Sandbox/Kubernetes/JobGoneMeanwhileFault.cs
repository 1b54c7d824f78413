namespace Jobman.Sandbox.Kubernetes;

public sealed record JobGoneMeanwhileFault : Fault;
