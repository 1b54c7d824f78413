using System.Diagnostics;
using System.Text.Json.Nodes;
using Jobman.Plugins.KubernetesJobs.Tests.Cluster;

namespace Jobman.Plugins.KubernetesJobs.Tests.Hostile;

/// <summary>
/// Issue #11 item 5: the YAML jobman prints means what the JSON means. Each <c>submit --dry-run</c> manifest is
/// loaded back by PyYAML, a YAML 1.1 loader like kubectl's (the one that reads <c>yes</c>, <c>0b101</c> and
/// <c>1_000</c> as non-strings), and must equal the <c>-o json</c> manifest.
/// </summary>
public class DryRunYamlTests : ClusterTest
{
    private static readonly string[] Tricky =
    [
        "1_000", "0b101", "yes", "Yes", "on", "OFF", "y", "n", "012", "0o17", "0x1F", "1e3", "1.5", ".5", "+1", "-1", "1:20",
        "2001-12-14", "null", "Null", "~", "-", "", " leading", "trailing ", "a: b", "#x", "a #b", "carriage\rreturn",
        "tab\there", "line\nbreak", "two\n\nlines\n", "unicode é ü 日本", "\u001b[31mred", "'quoted'", "\"double\"",
        "*alias", "&anchor", "!tag", "%percent", "@at", "`tick", "{a: 1}", "[1, 2]", "? key", "| block", "> fold", ".inf", ".NaN",
    ];

    [Test]
    public async Task Every_dry_run_yaml_loads_back_as_the_json_manifest()
    {
        if (!PythonYamlAvailable())
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail("python3 with PyYAML is needed (apt-get install python3-yaml)");
            }

            Assert.Ignore("python3 with PyYAML is not installed");
        }

        var annotations = new JsonObject();
        for (var i = 0; i < Tricky.Length; i++)
        {
            annotations[$"example.com/a{i}"] = Tricky[i];
        }

        string[] options = ["submit", "--dry-run", "-i", "busybox", "-j", "yaml-check", "-e", "X=yes", "-e", "Y=0b101", "-a", annotations.ToJsonString()];
        var yaml = await Run([.. options, "-o", "yaml", "--", "echo", .. Tricky]);
        var json = await Run([.. options, "-o", "json", "--", "echo", .. Tricky]);
        yaml.ExitCode.Should().Be(0, yaml.ToString());
        json.ExitCode.Should().Be(0, json.ToString());

        var loaded = JsonNode.Parse(await LoadWithPyYamlAsync(yaml.Stdout));
        var expected = JsonNode.Parse(json.Stdout);
        JsonNode.DeepEquals(loaded, expected).Should().BeTrue($"YAML 1.1 must read what JSON says:\n{yaml.Stdout}\n---\n{loaded}\n---\n{expected}");
        Cluster.Requests.Should().BeEmpty("a dry run sends nothing");
    }

    private static bool PythonYamlAvailable()
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo("python3", ["-c", "import yaml"]) { RedirectStandardError = true, UseShellExecute = false })!;
            probe.WaitForExit();
            return probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static async Task<string> LoadWithPyYamlAsync(string yaml)
    {
        var info = new ProcessStartInfo("python3", ["-c", "import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin.buffer.read().decode('utf-8'))))"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(info)!;
        await process.StandardInput.WriteAsync(yaml);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.Should().Be(0, error);
        return output;
    }
}
