using Jobman.Testing.Net;

namespace Jobman.Plugins.Harbor.Tests;

/// <summary>
/// Environment proxies reach the registry clients with Go's rules (as kubectl applies them to the cluster): a
/// registry on a loopback address is never proxied, a registry by name goes through HTTPS_PROXY unless NO_PROXY
/// names it. The proxy here is a real TCP listener that records the CONNECT line and answers 502.
/// </summary>
[NonParallelizable]
public sealed class ProxyTests
{
    private HarborFixture _harbor = null!;
    private RecordingHttpProxy _proxy = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _harbor = await HarborFixture.StartAsync();
        _harbor.Server.AddProject("ml", isPublic: true);
        _harbor.Server.AddRepository("ml", "trainer", null, "1.0");
        _proxy = new RecordingHttpProxy();
        _harbor.Runner.Environment["HTTPS_PROXY"] = _proxy.Url;
        _harbor.Runner.Environment["HTTP_PROXY"] = _proxy.Url;
    }

    [TearDown]
    public async Task StopAsync()
    {
        _proxy.Dispose();
        await _harbor.DisposeAsync();
    }

    [Test]
    public async Task A_registry_on_a_loopback_address_is_never_proxied()
    {
        _harbor.Settings();

        var result = await _harbor.RunAsync("images");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("trainer");
        _proxy.RequestLines.Should().BeEmpty();
    }

    [Test]
    public async Task A_registry_by_name_goes_through_the_environment_proxy()
    {
        var port = new Uri(_harbor.Server.Url).Port;
        _harbor.Settings(h => h["url"] = $"http://harbor.test:{port}");

        var result = await _harbor.RunAsync("images");

        result.SingleErrorLine().Should().StartWith("error: ");
        // 502 from the proxy is retried like any 5xx, within the policy's bound.
        _proxy.RequestLines.Should().HaveCountGreaterThan(0).And.HaveCountLessThanOrEqualTo(4)
            .And.OnlyContain(line => line.StartsWith($"GET http://harbor.test:{port}/api/v2.0/", StringComparison.Ordinal));
    }

    [TestCase("harbor.test")]
    [TestCase(".test")]
    [TestCase("*")]
    public async Task No_proxy_names_the_registries_reached_directly(string noProxy)
    {
        _harbor.Runner.Environment["NO_PROXY"] = noProxy;
        var port = new Uri(_harbor.Server.Url).Port;
        _harbor.Settings(h => h["url"] = $"http://harbor.test:{port}");

        var result = await _harbor.RunAsync("images");

        result.SingleErrorLine().Should().StartWith("error: ");
        _proxy.RequestLines.Should().BeEmpty();
    }
}
