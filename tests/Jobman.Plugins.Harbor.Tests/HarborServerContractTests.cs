using System.Net;
using System.Text.Json.Nodes;
using Jobman.Sandbox.Harbor;
using Jobman.Testing.Prerequisites;

namespace Jobman.Plugins.Harbor.Tests;

/// <summary>The double answers like Harbor v2.15.2 (swagger + contracts README), checked with a plain HttpClient.</summary>
public sealed class HarborServerContractTests
{
    private HarborServer _server = null!;
    private HttpClient _http = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _server = await HarborServer.StartAsync();
        _server.AddProject("ml", isPublic: true);
        for (var i = 0; i < 25; i++)
        {
            _server.AddRepository("ml", $"repo{i:00}", null, "v1");
        }

        _server.AddRepository("ml", "team/trainer", "Training <image> & \"friends\"", "1.0");
        _http = new HttpClient { BaseAddress = new Uri(_server.Url) };
    }

    [TearDown]
    public async Task StopAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Test]
    public async Task Paging_headers_are_built_like_harbor()
    {
        using var response = await _http.GetAsync("/api/v2.0/projects/ml/repositories?q=name%3D~repo&page=2&page_size=10");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("X-Total-Count").Single().Should().Be("25");
        response.Headers.GetValues("Link").Single().Should().Be(
            "</api/v2.0/projects/ml/repositories?page=1&page_size=10&q=name=~repo>; rel=\"prev\" , " +
            "</api/v2.0/projects/ml/repositories?page=3&page_size=10&q=name=~repo>; rel=\"next\"");
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().Should().HaveCount(10);
    }

    [Test]
    public async Task Last_page_has_only_a_prev_link_and_default_page_size_is_10()
    {
        using var last = await _http.GetAsync("/api/v2.0/projects/ml/repositories?page=3&page_size=10");
        last.Headers.GetValues("Link").Single().Should().Be("</api/v2.0/projects/ml/repositories?page=2&page_size=10>; rel=\"prev\"");
        JsonNode.Parse(await last.Content.ReadAsStringAsync())!.AsArray().Should().HaveCount(6);

        using var first = await _http.GetAsync("/api/v2.0/projects/ml/repositories");
        JsonNode.Parse(await first.Content.ReadAsStringAsync())!.AsArray().Should().HaveCount(10);
        first.Headers.GetValues("Link").Single().Should().Be("</api/v2.0/projects/ml/repositories?page=2&page_size=10>; rel=\"next\"");
    }

    [Test]
    public async Task Page_size_over_100_is_422_with_harbors_body()
    {
        using var response = await _http.GetAsync("/api/v2.0/projects/ml/repositories?page_size=200");
        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        JsonNode.DeepEquals(JsonNode.Parse(await response.Content.ReadAsStringAsync()), JsonNode.Parse(UpstreamContracts.HarborText("samples/error-422-page-size-too-large.json")))
            .Should().BeTrue();
    }

    [Test]
    public async Task Nested_names_need_double_encoding()
    {
        using var good = await _http.GetAsync("/api/v2.0/projects/ml/repositories/team%252Ftrainer");
        good.StatusCode.Should().Be(HttpStatusCode.OK);
        var repository = JsonNode.Parse(await good.Content.ReadAsStringAsync())!;
        repository["name"]!.GetValue<string>().Should().Be("ml/team/trainer");
        repository["description"]!.GetValue<string>().Should().Be("Training &lt;image&gt; &amp; &#34;friends&#34;");

        using var single = await _http.GetAsync("/api/v2.0/projects/ml/repositories/team%2Ftrainer");
        single.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await single.Content.ReadAsStringAsync()).Should().Contain("path /api/v2.0/projects/ml/repositories/team/trainer was not found");
    }

    [Test]
    public async Task Missing_repository_and_project_use_harbors_messages()
    {
        using var repository = await _http.GetAsync("/api/v2.0/projects/ml/repositories/nope");
        JsonNode.DeepEquals(JsonNode.Parse(await repository.Content.ReadAsStringAsync()),
            JsonNode.Parse(UpstreamContracts.HarborText("samples/error-404-repository-not-found.json").Replace("library/no-such-repo", "ml/nope", StringComparison.Ordinal)))
            .Should().BeTrue();

        using var anonymous = await _http.GetAsync("/api/v2.0/projects/no-such-project/repositories");
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        JsonNode.DeepEquals(JsonNode.Parse(await anonymous.Content.ReadAsStringAsync()), JsonNode.Parse(UpstreamContracts.HarborText("samples/error-401-unauthorized.json"))).Should().BeTrue();

        _server.AddAdmin("admin", "Harbor12345");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v2.0/projects/no-such-project/repositories");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String("admin:Harbor12345"u8.ToArray()));
        using var admin = await _http.SendAsync(request);
        admin.StatusCode.Should().Be(HttpStatusCode.NotFound);
        JsonNode.DeepEquals(JsonNode.Parse(await admin.Content.ReadAsStringAsync()), JsonNode.Parse(UpstreamContracts.HarborText("samples/error-404-project-not-found.json"))).Should().BeTrue();
    }

    [Test]
    public async Task Artifacts_tags_and_references()
    {
        using var list = await _http.GetAsync("/api/v2.0/projects/ml/repositories/team%252Ftrainer/artifacts?with_tag=true");
        var artifact = JsonNode.Parse(await list.Content.ReadAsStringAsync())!.AsArray().Single()!;
        artifact["repository_name"]!.GetValue<string>().Should().Be("ml/team/trainer");
        artifact["type"]!.GetValue<string>().Should().Be("IMAGE");
        artifact["tags"]!.AsArray().Single()!["name"]!.GetValue<string>().Should().Be("1.0");
        var digest = artifact["digest"]!.GetValue<string>();

        using var byDigest = await _http.GetAsync($"/api/v2.0/projects/ml/repositories/team%252Ftrainer/artifacts/{digest}");
        byDigest.StatusCode.Should().Be(HttpStatusCode.OK);
        using var tags = await _http.GetAsync("/api/v2.0/projects/ml/repositories/team%252Ftrainer/artifacts/1.0/tags");
        JsonNode.Parse(await tags.Content.ReadAsStringAsync())!.AsArray().Single()!["name"]!.GetValue<string>().Should().Be("1.0");
        using var untagged = await _http.GetAsync("/api/v2.0/projects/ml/repositories/team%252Ftrainer/artifacts?with_tag=false");
        JsonNode.Parse(await untagged.Content.ReadAsStringAsync())!.AsArray().Single()!.AsObject().ContainsKey("tags").Should().BeFalse();
    }

    [Test]
    public async Task Anonymous_sees_only_public_projects()
    {
        _server.AddProject("secret", isPublic: false);

        using var all = await _http.GetAsync("/api/v2.0/projects");
        var names = JsonNode.Parse(await all.Content.ReadAsStringAsync())!.AsArray().Select(p => p!["name"]!.GetValue<string>());
        names.Should().Equal("ml");
        all.Headers.GetValues("X-Total-Count").Single().Should().Be("1");

        using var privateOnly = await _http.GetAsync("/api/v2.0/projects?public=false");
        (await privateOnly.Content.ReadAsStringAsync()).Trim().Should().Be("[]");
        privateOnly.Headers.GetValues("X-Total-Count").Single().Should().Be("0");
        privateOnly.Headers.Contains("Link").Should().BeFalse();

        using var anonymousPrivate = await _http.GetAsync("/api/v2.0/projects/secret/repositories");
        anonymousPrivate.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
