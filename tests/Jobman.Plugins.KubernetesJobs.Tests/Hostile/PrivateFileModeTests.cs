using Jobman.Core.Files;
using Jobman.Plugins.KubernetesJobs.Tests.Cluster;

namespace Jobman.Plugins.KubernetesJobs.Tests.Hostile;

/// <summary>Issue #11 item 3: files holding secrets are 0600 in 0700 folders, whatever the umask.</summary>
[Platform(Exclude = "Win", Reason = "Unix file modes")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class PrivateFileModeTests : ClusterTest
{
    private const UnixFileMode Owner = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerFolder = Owner | UnixFileMode.UserExecute;

    [Test]
    public void The_sandbox_kubeconfig_is_0600_in_new_0700_folders()
    {
        var path = Path.Combine(Folder, "home", ".jobman", "sandbox", "kubeconfig");
        Cluster.WriteKubeconfig(path, Token, Ns);

        File.GetUnixFileMode(path).Should().Be(Owner);
        File.GetUnixFileMode(Path.GetDirectoryName(path)!).Should().Be(OwnerFolder);
        File.GetUnixFileMode(Path.Combine(Folder, "home", ".jobman")).Should().Be(OwnerFolder);
        File.ReadAllText(path).Should().Contain(Token);
    }

    [Test]
    public void An_existing_file_is_replaced_private_and_a_folder_the_user_chose_is_left_alone()
    {
        var shared = Directory.CreateDirectory(Path.Combine(Folder, "shared")).FullName;
        File.SetUnixFileMode(shared, OwnerFolder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var file = Path.Combine(shared, "cache");
        File.WriteAllText(file, "old");
        File.SetUnixFileMode(file, Owner | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        PrivateFiles.WriteAllText(file, "token");
        PrivateFiles.CreateFolder(Path.Combine(Folder, ".jobman"));
        File.SetUnixFileMode(Path.Combine(Folder, ".jobman"), OwnerFolder | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        PrivateFiles.CreateFolder(Path.Combine(Folder, ".jobman"), tightenExisting: true);

        File.GetUnixFileMode(file).Should().Be(Owner);
        File.ReadAllText(file).Should().Be("token");
        File.GetUnixFileMode(shared).Should().HaveFlag(UnixFileMode.OtherRead, "a folder jobman did not create keeps its mode");
        File.GetUnixFileMode(Path.Combine(Folder, ".jobman")).Should().Be(OwnerFolder);
    }
}
