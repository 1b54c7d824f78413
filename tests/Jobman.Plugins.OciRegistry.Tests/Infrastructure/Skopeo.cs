using System.Diagnostics;

namespace Jobman.Plugins.OciRegistry.Tests.Infrastructure;

/// <summary>Pushes an OCI layout's tag into a registry with the real skopeo.</summary>
internal static class Skopeo
{
    public static async Task CopyAsync(string layout, string tag, string destination, string? credentials, string home)
    {
        var start = new ProcessStartInfo(RegistryTools.Skopeo)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // A throwaway HOME: skopeo must not read or write the real user's container config.
        start.Environment["HOME"] = home;
        start.Environment["XDG_RUNTIME_DIR"] = home;
        foreach (var arg in new[] { "--insecure-policy", "copy", "--dest-tls-verify=false" })
        {
            start.ArgumentList.Add(arg);
        }

        if (credentials is not null)
        {
            start.ArgumentList.Add("--dest-creds");
            start.ArgumentList.Add(credentials);
        }

        start.ArgumentList.Add($"oci:{layout}:{tag}");
        start.ArgumentList.Add($"docker://{destination}");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"skopeo copy to {destination} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
    }
}
