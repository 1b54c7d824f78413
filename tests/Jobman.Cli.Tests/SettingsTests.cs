using System.Text.Json.Nodes;

namespace Jobman.Cli.Tests;

/// <summary>Settings layering as users see it through <c>resources-flavors</c> and the hello test plugin.</summary>
public class SettingsTests : HelloPluginTest
{
    [Test]
    public async Task Template_flavors_are_listed_with_the_default_marked()
    {
        var result = await Runner.RunAsync("resources-flavors");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().MatchRegex(@"(?m)^NAME\s+SOURCE\s+CPU\*\s+MEMORY\*\s+GPU\*\*");
        result.Stdout.Should().MatchRegex(@"(?m)^no-gpu \(default\)\s+settings\s+1 / 2\s+4Gi / 4Gi");
        result.Stdout.Should().MatchRegex(@"(?m)^small-gpu\s+settings\s+4 / 4\s+16Gi / 16Gi\s+1 / - / -");
    }

    [Test]
    public async Task Home_settings_replace_arrays_and_s_file_merges_on_top()
    {
        Runner.WithUserSettings("""
            { "job": { "resources": { "default": "big", "predefined": [
                { "name": "big", "resources": { "requests": { "cpu": 8, "memory": "64Gi" } } } ] } } }
            """);
        var overlay = Path.Combine(Runner.HomeDirectory, "overlay.json");
        await File.WriteAllTextAsync(overlay, """{ "job": { "resources": { "default": null } } }""");

        var home = await Runner.RunAsync("resources-flavors", "-o", "json");
        var merged = await Runner.RunAsync("-s", overlay, "resources-flavors", "-o", "json");

        var homeFlavors = JsonNode.Parse(home.Stdout)!.AsArray();
        homeFlavors.Select(f => f!["name"]!.GetValue<string>()).Should().Equal("big");
        homeFlavors[0]!["default"]!.GetValue<bool>().Should().BeTrue();
        homeFlavors[0]!["resources"]!["requests"]!["cpu"]!.GetValue<string>().Should().Be("8");
        var mergedFlavors = JsonNode.Parse(merged.Stdout)!.AsArray();
        mergedFlavors.Select(f => f!["name"]!.GetValue<string>()).Should().Equal("big");
        mergedFlavors[0]!["default"]!.GetValue<bool>().Should().BeFalse();
    }

    [Test]
    public async Task Jobman_settings_variable_merges_over_home_settings_and_under_the_s_file()
    {
        Runner.WithUserSettings("""{ "hello": { "greeting": "home" }, "job": { "resources": { "default": "small-gpu" } } }""");
        var sandbox = Path.Combine(Runner.HomeDirectory, "sandbox.json");
        await File.WriteAllTextAsync(sandbox, """{ "hello": { "greeting": "sandbox" } }""");
        var overlay = Path.Combine(Runner.HomeDirectory, "overlay.json");
        await File.WriteAllTextAsync(overlay, """{ "hello": { "greeting": "explicit" } }""");
        Runner.Environment["JOBMAN_SETTINGS"] = sandbox;

        var fromVariable = await Runner.RunAsync("hello");
        var withOption = await Runner.RunAsync("-s", overlay, "hello");
        var flavors = await Runner.RunAsync("resources-flavors", "-o", "json");

        fromVariable.Stdout.Should().Be("sandbox world from the Hello test plugin\n", fromVariable.ToString());
        withOption.Stdout.Should().Be("explicit world from the Hello test plugin\n", withOption.ToString());
        JsonNode.Parse(flavors.Stdout)!.AsArray().Single(f => f!["default"]!.GetValue<bool>())!["name"]!.GetValue<string>().Should().Be("small-gpu");
    }

    [Test]
    public async Task A_missing_jobman_settings_file_is_a_usage_error_naming_the_variable()
    {
        Runner.Environment["JOBMAN_SETTINGS"] = Path.Combine(Runner.HomeDirectory, "gone.json");

        var result = await Runner.RunAsync("resources-flavors");

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Be($"error: settings file '{Path.Combine(Runner.HomeDirectory, "gone.json")}' named by JOBMAN_SETTINGS does not exist\n");
    }

    [Test]
    public async Task Settings_option_works_after_the_command_too()
    {
        var file = Path.Combine(Runner.HomeDirectory, "s.json");
        await File.WriteAllTextAsync(file, """{ "hello": { "greeting": "hi" } }""");

        var result = await Runner.RunAsync("hello", "-s", file);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Be("hi world from the Hello test plugin\n");
    }

    [Test]
    public async Task Malformed_settings_name_file_line_and_column()
    {
        var file = Path.Combine(Runner.HomeDirectory, "bad.json");
        await File.WriteAllTextAsync(file, "{\n  \"job\": {\n    \"defaultImage\": ,\n  }\n}\n");

        var result = await Runner.RunAsync("-s", file, "resources-flavors");

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Be($"error: settings file '{file}' is not valid JSON (line 3, column 21)\n");
    }

    [Test]
    public async Task Malformed_home_settings_are_an_error_too()
    {
        Runner.WithUserSettings("[1, 2");

        var result = await Runner.RunAsync("resources-flavors");

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().StartWith("error: settings file '" + Path.Combine(Runner.HomeDirectory, ".jobman", "settings.json") + "' is not valid JSON");
    }

    [Test]
    public async Task Missing_settings_file_is_a_usage_error()
    {
        var result = await Runner.RunAsync("-s", "/nonexistent/settings.json", "resources-flavors");

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Be("error: settings file '/nonexistent/settings.json' does not exist\n");
    }

    [Test]
    public async Task Unknown_top_level_keys_warn_but_plugin_sections_do_not()
    {
        Runner.WithUserSettings("""{ "hello": { "greeting": "hey" }, "harbr": {} }""");

        var result = await Runner.RunAsync("hello");

        result.ExitCode.Should().Be(0);
        result.Stdout.Should().StartWith("hey world");
        result.Stderr.Should().Contain("warning: unknown settings keys ignored: harbr").And.NotContain("hello,");
    }

    [Test]
    public async Task All_keys_of_the_original_settings_are_accepted_without_warning()
    {
        Runner.WithUserSettings("""
            {
              "sharedNamespace": "default", "sharedConfigmap": "jobman-jobs-config",
              "jobsQueue": { "namespace": "default", "configmap": "jobman-queue-position", "gpuResources": [] },
              "job": { "annotations": [ { "key": "a", "value": "b", "valueType": "string" } ], "defaultImage": null,
                       "imagePrefix": null, "userConfigmap": null, "priorityClassName": null,
                       "securityContext": { "runAsUser": 0, "runAsGroup": 0, "fsGroup": 0, "supplementalGroups": [] },
                       "resources": { "default": null, "label": "chaimeleon.eu/jobResourcesFlavor", "predefined": [] } },
              "newVersion": { "repository": null, "packageJsonPath": null, "customMessage": null, "check": "24h" },
              "kubeConfig": { "type": "file", "file": "/kube_config.json" },
              "harbor": { "url": "https://harbor.example", "project": "library" }
            }
            """);

        var result = await Runner.RunAsync("resources-flavors");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stderr.Should().BeEmpty();
        result.Stdout.Should().StartWith("No predefined flavors");
    }

    [Test]
    public async Task Invalid_flavor_in_settings_is_a_usage_error_naming_the_key()
    {
        Runner.WithUserSettings("""{ "job": { "resources": { "predefined": [ { "name": "x" } ] } } }""");

        var result = await Runner.RunAsync("resources-flavors");

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Be("error: settings job.resources.predefined[0]: flavor 'x' has no 'resources' object\n");
    }
}
