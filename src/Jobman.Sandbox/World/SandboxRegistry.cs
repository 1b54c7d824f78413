using System.Security.Cryptography;
using Jobman.Sandbox.Harbor;

namespace Jobman.Sandbox.World;

/// <summary>
/// The sandbox's image registry: the Harbor API double over HTTPS (its own CA) with a private project of sample
/// repositories, read with a project robot account, as a real Harbor would be used.
/// </summary>
internal static class SandboxRegistry
{
    public const string Project = "library";
    public const string RobotName = "sandbox";

    /// <summary>Seeds the project and repositories; returns the robot's login name and secret.</summary>
    public static (string User, string Secret) Seed(HarborServer harbor)
    {
        harbor.AddProject(Project);
        harbor.AddRepository(Project, "busybox", "# BusyBox\n\nThe Swiss Army knife of embedded Linux: a **small** shell image for quick jobs.", "1.36", "latest");
        harbor.AddRepository(Project, "python", "# Python\n\nCPython with `pip`, for scripts and notebooks.", "3.12", "3.13");
        harbor.AddRepository(Project, "pytorch/pytorch", "# PyTorch\n\nPyTorch with CUDA for GPU training.", "2.5.1-cuda12.4", "latest");
        harbor.AddRepository(Project, "team/trainer", null, "v1", "v2");
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        return (harbor.AddRobot(Project, RobotName, secret), secret);
    }
}
