namespace Jobman.Plugins.Harbor.Tests;

/// <summary>Harbor errors, retries and transport failures become one line with exit code 1.</summary>
public sealed class FailureTests
{
    private HarborFixture _harbor = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _harbor = await HarborFixture.StartAsync();
        _harbor.Server.AddProject("ml", isPublic: true);
        _harbor.Server.AddRepository("ml", "trainer", null, "1.0");
        _harbor.Settings();
    }

    [TearDown]
    public async Task StopAsync() => await _harbor.DisposeAsync();

    [Test]
    public async Task Unprocessable_entity_is_one_line()
    {
        _harbor.Server.FailNext(1, 422);

        var result = await _harbor.RunAsync("images");

        result.SingleErrorLine().Should().Contain("rejected the request (422 unprocessable entity): validation failure list: page_size in query should be less than or equal to 100");
        _harbor.Server.Requests.Should().HaveCount(1, "422 is not retried");
    }

    [Test]
    public async Task Too_many_requests_is_retried_honouring_retry_after()
    {
        _harbor.Server.FailNext(2, 429, retryAfterSeconds: 1);

        var result = await _harbor.RunAsync("images", "-o", "json");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("\"trainer\"");
        var lists = _harbor.Server.Requests.Where(r => r.Path == "/api/v2.0/projects/ml/repositories").ToList();
        lists.Should().HaveCount(3);
        (lists[1].ReceivedAt - lists[0].ReceivedAt).Should().BeGreaterThan(TimeSpan.FromMilliseconds(900));
        (lists[2].ReceivedAt - lists[1].ReceivedAt).Should().BeGreaterThan(TimeSpan.FromMilliseconds(900));
    }

    [Test]
    public async Task A_harbor_that_closes_every_connection_after_answering_still_works()
    {
        for (var i = 0; i < 12; i++)
        {
            _harbor.Server.AddRepository("ml", $"tool-{i}", null, "1.0", "2.0");
        }

        _harbor.Server.CloseAfterEachResponse = true;

        for (var run = 0; run < 3; run++)
        {
            var result = await _harbor.RunAsync("images", "-o", "json");

            result.ExitCode.Should().Be(0, result.ToString());
            result.Stdout.Should().Contain("\"tool-11\"");
        }

        _harbor.Server.ConnectionCount.Should().Be(_harbor.Server.Requests.Count, "each connection carried one answer");
    }

    [Test]
    public async Task A_connection_reset_under_a_read_is_retried()
    {
        _harbor.Server.DropNext(2);

        var result = await _harbor.RunAsync("images", "-o", "json");

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("\"trainer\"");
        _harbor.Server.DroppedRequests.Should().Be(2);
    }

    [Test]
    public async Task Connection_resets_that_persist_end_after_four_attempts_with_the_cause_under_verbose()
    {
        _harbor.Server.DropNext(100);

        var result = await _harbor.RunAsync("images", "--verbose");

        result.ExitCode.Should().Be(1, result.ToString());
        result.Stderr.Should().StartWith($"error: cannot reach Harbor at {_harbor.Server.Url}: ");
        result.Stderr.Should().Contain("HttpRequestException", "--verbose shows the whole chain of causes");
        _harbor.Server.DroppedRequests.Should().Be(4);
    }

    [Test]
    public async Task Transient_server_error_is_retried()
    {
        _harbor.Server.FailNext(2, 503);

        var result = await _harbor.RunAsync("image-details", "-i", "trainer");

        result.ExitCode.Should().Be(0, result.ToString());
        _harbor.Server.Requests.Count(r => r.Path == "/api/v2.0/projects/ml/repositories/trainer").Should().Be(3);
    }

    [Test]
    public async Task Persistent_internal_error_gives_up_after_three_retries()
    {
        _harbor.Server.FailNext(10, 500);

        var result = await _harbor.RunAsync("images");

        result.SingleErrorLine().Should().Contain($"Harbor at {_harbor.Server.Url} failed (500 internal server error) after 4 attempts: internal server error")
            .And.Contain("(GET http://127.0.0.1:");
        _harbor.Server.Requests.Should().HaveCount(4);
    }

    [Test]
    public async Task Slow_harbor_times_out_with_one_line()
    {
        _harbor.Server.Latency = TimeSpan.FromSeconds(5);
        _harbor.Settings(h => h["timeoutSeconds"] = 0.5);

        var result = await _harbor.RunAsync("images");

        result.SingleErrorLine().Should().Contain($"Harbor at {_harbor.Server.Url} did not answer within 0.5 s (harbor.timeoutSeconds)");
    }

    [Test]
    public async Task Connection_refused_names_the_server()
    {
        var url = _harbor.Server.Url;
        await _harbor.Server.DisposeAsync();

        var result = await _harbor.RunAsync("images");

        result.SingleErrorLine().Should().StartWith($"error: cannot reach Harbor at {url}: ").And.Contain("refused");
    }

    [Test]
    public async Task Invalid_url_is_a_usage_error()
    {
        _harbor.Runner.WithUserSettings("""{"harbor": {"url": "https://user:pw@harbor.example", "project": "ml"}}""");

        var result = await _harbor.RunAsync("images");

        result.SingleErrorLine(exitCode: 2).Should().Contain("must not contain credentials").And.NotContain("pw@");
    }
}

/// <summary>Ctrl+C and settings rules that need no server.</summary>
public sealed class CancellationAndSettingsTests
{
    [Test]
    public async Task Ctrl_c_while_waiting_for_harbor_exits_130()
    {
        await using var harbor = await HarborFixture.StartAsync();
        harbor.Server.AddProject("ml", isPublic: true);
        harbor.Server.AddRepository("ml", "trainer", null, "1.0");
        harbor.Server.Latency = TimeSpan.FromSeconds(30);
        harbor.Settings();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var started = DateTime.UtcNow;
        var result = await harbor.Runner.RunAsync(cts.Token, "images");

        result.ExitCode.Should().Be(130, result.ToString());
        result.Stderr.Trim().Should().Be("cancelled");
        (DateTime.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(10));
    }

    [TestCase("http://127.0.0.1:8080", false)]
    [TestCase("http://localhost", false)]
    [TestCase("https://harbor.example", false)]
    [TestCase("http://harbor.example", true)]
    public void Credentials_over_plain_http_are_flagged_except_to_this_machine(string url, bool inClear)
    {
        new HarborSettings { Url = url, Project = "p" }.SendsCredentialsInClear.Should().Be(inClear);
    }
}
