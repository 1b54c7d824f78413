namespace Jobman.Plugins.Harbor.Tests;

/// <summary>TLS is verified by default; a CA bundle trusts a private CA; insecure is an explicit, warned opt-in.</summary>
public sealed class TlsTests
{
    private HarborFixture _harbor = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _harbor = await HarborFixture.StartAsync(https: true);
        _harbor.Server.AddProject("ml", isPublic: true);
        _harbor.Server.AddRepository("ml", "trainer", null, "1.0");
    }

    [TearDown]
    public async Task StopAsync() => await _harbor.DisposeAsync();

    [Test]
    public async Task Untrusted_certificate_fails_by_default_with_a_hint()
    {
        _harbor.Settings();

        var result = await _harbor.RunAsync("images");

        result.SingleErrorLine().Should().StartWith($"error: TLS certificate of {_harbor.Server.Url} not trusted: ").And.Contain("set harbor.caBundle");
        _harbor.Server.Url.Should().StartWith("https://");
    }

    [Test]
    public async Task Ca_bundle_makes_it_trusted()
    {
        var bundle = _harbor.Server.CertificateAuthority!.WriteCaBundle(Path.Combine(_harbor.Runner.HomeDirectory, "harbor-ca.pem"));
        _harbor.Settings(h => h["caBundle"] = bundle);

        var result = await _harbor.RunAsync("images");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("trainer");
        result.Stderr.Should().BeEmpty();
    }

    [Test]
    public async Task Bundle_of_another_ca_is_rejected()
    {
        using var other = Jobman.Sandbox.Harbor.TestCertificateAuthority.Create();
        var bundle = other.WriteCaBundle(Path.Combine(_harbor.Runner.HomeDirectory, "other-ca.pem"));
        _harbor.Settings(h => h["caBundle"] = bundle);

        var result = await _harbor.RunAsync("images");

        result.SingleErrorLine().Should().Contain("not trusted: not signed by a CA of harbor.caBundle");
    }

    [Test]
    public async Task Insecure_works_and_warns()
    {
        _harbor.Settings(h => h["insecure"] = true);

        var result = await _harbor.RunAsync("images");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("trainer");
        result.Stderr.Should().StartWith("warning: harbor.insecure is true: the TLS certificate of " + _harbor.Server.Url + " is NOT verified");
    }

    [Test]
    public async Task Missing_ca_bundle_file_is_a_usage_error()
    {
        _harbor.Settings(h => h["caBundle"] = "/nonexistent/ca.pem");

        var result = await _harbor.RunAsync("images");

        result.SingleErrorLine(exitCode: 2).Should().Contain("CA bundle '/nonexistent/ca.pem' (harbor.caBundle) does not exist");
    }
}
