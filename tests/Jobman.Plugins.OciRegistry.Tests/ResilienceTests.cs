using System.Text.Json.Nodes;
using Jobman.Plugins.OciRegistry.Tests.Infrastructure;
using Jobman.Testing.Cli;

namespace Jobman.Plugins.OciRegistry.Tests;

/// <summary>
/// Registry failures a healthy registry never produces (429, 5xx, 403 DENIED), injected by a proxy in front of the
/// real anonymous registry.
/// </summary>
public sealed class ResilienceTests
{
    private const string Catalog = "/v2/_catalog?n=100";
    private const string TrainerTags = "/v2/ml/trainer/tags/list?n=1000";
    private const string TrainerManifest = "/v2/ml/trainer/manifests/1.0";

    private FaultInjectingProxy _proxy = null!;

    [SetUp]
    public async Task StartProxyAsync() => _proxy = await FaultInjectingProxy.StartAsync(Registries.Plain.BaseUrl);

    [TearDown]
    public async Task StopProxyAsync() => await _proxy.DisposeAsync();

    [Test]
    public async Task Service_unavailable_is_retried_and_nothing_is_lost()
    {
        _proxy.Fail(Catalog, 503, times: 2, "UNAVAILABLE", "try later", retryAfter: "0");
        using var runner = Runner();

        var result = await runner.RunAsync("images", "-o", "json");

        result.ExitCode.Should().Be(0, result.ToString());
        JsonNode.Parse(result.Stdout)!.AsArray().Should().HaveCount(Registries.PlainRepositories.Count);
        _proxy.RequestsTo(Catalog).Select(r => r.Status).Should().Equal(503, 503, 200);
    }

    [Test]
    public async Task Too_many_requests_waits_for_retry_after()
    {
        _proxy.Fail(TrainerTags, 429, times: 1, "TOOMANYREQUESTS", "slow down", retryAfter: "1");
        using var runner = Runner();

        var result = await runner.RunAsync("image-details", "-i", "ml/trainer:1.0", "-o", "json");

        result.ExitCode.Should().Be(0, result.ToString());
        var attempts = _proxy.RequestsTo(TrainerTags);
        attempts.Select(r => r.Status).Should().Equal(429, 200);
        (attempts[1].At - attempts[0].At).Should().BeGreaterThan(TimeSpan.FromMilliseconds(900));
    }

    [Test]
    public async Task Persistent_server_error_fails_after_four_attempts_with_one_line()
    {
        _proxy.Fail(TrainerTags, 500, times: -1, "UNKNOWN", "storage backend\nunavailable", retryAfter: "0");
        using var runner = Runner();

        var result = await runner.RunAsync("image-details", "-i", "ml/trainer:1.0");

        result.ExitCode.Should().Be(1);
        result.Stderr.Should().Be(
            $"error: registry {_proxy.BaseUrl} failed to serve repository 'ml/trainer' after 4 attempts (500 UNKNOWN: storage backend unavailable){Environment.NewLine}");
        _proxy.RequestsTo(TrainerTags).Should().HaveCount(4);
    }

    [Test]
    public async Task Denied_fails_with_one_line_without_retrying()
    {
        _proxy.Fail(TrainerManifest, 403, times: -1, "DENIED", "requested access to the resource is denied");
        using var runner = Runner();

        var result = await runner.RunAsync("image-details", "-i", "ml/trainer:1.0");

        result.ExitCode.Should().Be(1);
        result.Stderr.Should().Be(
            $"error: registry {_proxy.BaseUrl} denied access to manifest 'ml/trainer:1.0' (403 DENIED: requested access to the resource is denied){Environment.NewLine}");
        _proxy.RequestsTo(TrainerManifest).Should().ContainSingle();
    }

    [Test]
    public async Task Manifest_unknown_for_a_listed_tag_is_not_found()
    {
        _proxy.Fail(TrainerManifest, 404, times: -1, "MANIFEST_UNKNOWN", "manifest unknown");
        using var runner = Runner();

        var result = await runner.RunAsync("image-details", "-i", "ml/trainer:1.0");

        result.ExitCode.Should().Be(1);
        result.Stderr.Should().Be($"error: image 'ml/trainer:1.0' not found: no such repository or tag (see 'jobman images'){Environment.NewLine}");
    }

    [Test]
    public async Task Catalog_name_unknown_fails_with_one_line()
    {
        _proxy.Fail(Catalog, 404, times: -1, "UNSUPPORTED", "catalog is disabled");
        using var runner = Runner();

        var result = await runner.RunAsync("images");

        result.ExitCode.Should().Be(1);
        result.Stderr.Should().Be($"error: registry {_proxy.BaseUrl}: the repository catalog not found (404 UNSUPPORTED: catalog is disabled){Environment.NewLine}");
    }

    [Test]
    public async Task Tag_lists_are_fetched_concurrently_at_most_eight_at_a_time_in_stable_order()
    {
        _proxy.ForwardDelay = TimeSpan.FromMilliseconds(20);
        using var runner = Runner();

        var result = await runner.RunAsync("images", "-o", "json");

        result.ExitCode.Should().Be(0, result.ToString());
        _proxy.MaxInFlight.Should().BeInRange(2, 8);
        JsonNode.Parse(result.Stdout)!.AsArray().Select(r => (string)r!["name"]!).Should().BeInAscendingOrder(StringComparer.Ordinal);
        _proxy.Requests.Select(r => r.PathAndQuery).Where(p => p.StartsWith("/v2/_catalog", StringComparison.Ordinal))
            .Should().HaveCount(2, "the second page is reached through the Link header")
            .And.Contain(p => p.Contains("last=", StringComparison.Ordinal));
    }

    [Test]
    public async Task Paged_tags_lists_are_followed_to_the_end()
    {
        _proxy.TagPageSize = 40;
        using var runner = Runner();

        var images = await runner.RunAsync("images", "-o", "json");
        var details = await runner.RunAsync("image-details", "-i", "ml/many-tags:t101", "-o", "json");

        images.ExitCode.Should().Be(0, images.ToString());
        JsonNode.Parse(images.Stdout)!.AsArray().Single(r => (string)r!["name"]! == "ml/many-tags")!["tags"]!.AsArray()
            .Select(t => (string)t!).Should().Equal(Registries.ManyTags, "101 tags in pages of 40, in natural order");
        details.ExitCode.Should().Be(0, details.ToString());
        _proxy.Requests.Select(r => r.PathAndQuery).Where(p => p.StartsWith("/v2/ml/many-tags/tags/list", StringComparison.Ordinal))
            .Should().HaveCount(6, "each run reads three pages").And.Contain(p => p.Contains("last=", StringComparison.Ordinal));
    }

    [Test]
    public async Task Ctrl_c_while_waiting_for_the_registry_cancels_with_exit_code_130()
    {
        _proxy.ForwardDelay = TimeSpan.FromSeconds(30);
        using var runner = Runner();
        using var cancellation = new CancellationTokenSource();

        var run = runner.RunAsync(cancellation.Token, "images");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_proxy.InFlight == 0 && DateTime.UtcNow < deadline && !run.IsCompleted)
        {
            await Task.Delay(10);
        }

        _proxy.InFlight.Should().BeGreaterThan(0, "the catalog request is waiting in the proxy");
        await cancellation.CancelAsync();
        var result = await run.WaitAsync(TimeSpan.FromSeconds(10));

        result.ExitCode.Should().Be(130);
        result.Stderr.Trim().Should().Be("cancelled");
    }

    private JobmanRunner Runner() => new JobmanRunner().WithPlugin(new OciRegistryPlugin())
        .WithUserSettings(new JsonObject { ["ociRegistry"] = new JsonObject { ["url"] = _proxy.BaseUrl } }.ToJsonString());
}
