using System.Net.Http.Headers;

// Outside the Jobman.Plugins.OciRegistry.Tests namespace on purpose: these need no registry, so the Registries
// set-up fixture (which skips its namespace when docker-registry/skopeo are missing) does not apply to them.
namespace Jobman.Plugins.OciRegistry.OfflineTests;

/// <summary>The small parsers, on header values seen from Distribution, Harbor and Docker Hub.</summary>
public sealed class UnitTests
{
    [Test]
    public void Natural_order_sorts_versions_as_numbers()
    {
        var tags = new List<string> { "latest", "1.10", "v2", "1.9", "1.9.1", "10.0", "2.0", "1.0-rc1", "1.0" };

        tags.Sort(NaturalOrder.Instance);

        tags.Should().Equal("1.0", "1.0-rc1", "1.9", "1.9.1", "1.10", "2.0", "10.0", "latest", "v2");
    }

    [Test]
    public void Auth_challenge_keeps_commas_inside_quoted_scopes()
    {
        var challenge = AuthChallenge.Parse(AuthenticationHeaderValue.Parse(
            "Bearer realm=\"https://auth.example/token\",service=\"registry.example\",scope=\"repository:team/app:pull,push\""));

        challenge.IsBearer.Should().BeTrue();
        challenge.Parameter("realm").Should().Be("https://auth.example/token");
        challenge.Parameter("service").Should().Be("registry.example");
        challenge.Parameter("scope").Should().Be("repository:team/app:pull,push");
    }

    [Test]
    public void Link_header_finds_the_next_page()
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("Link", "</v2/_catalog?last=b%2Fc&n=100>; rel=\"next\"");

        LinkHeader.Next(response.Headers).Should().Be("/v2/_catalog?last=b%2Fc&n=100");
    }

    [Test]
    public void Link_header_ignores_other_relations()
    {
        using var response = new HttpResponseMessage();
        response.Headers.TryAddWithoutValidation("Link", "</v2/_catalog?n=100>; rel=\"first\"");

        LinkHeader.Next(response.Headers).Should().BeNull();
    }
}
