using System.Text.Json;
using System.Text.Json.Nodes;
using Jobman.Core;
using Jobman.Kubernetes.Lists;

namespace Jobman.Kubernetes.Tests;

/// <summary>
/// Paged lists against the API double: with a continue-token peek the next page is requested while the current one
/// is decoded, and the decoded token stays the truth.
/// </summary>
public class ListPagerTests : DoubleClusterTest
{
    private const string JobsPath = "/apis/batch/v1/namespaces/team-a/jobs";
    private static readonly KubernetesRetry FastRetry = new(attempts: 2, baseDelay: TimeSpan.FromMilliseconds(5), maxDelay: TimeSpan.FromMilliseconds(20));

    [SetUp]
    public void SeedJobs()
    {
        for (var i = 0; i < 1001; i++)
        {
            Cluster.Store.PutJob(Ns, JsonNode.Parse("""
                {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"@NAME@"},
                 "spec":{"suspend":true,"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"main","image":"busybox"}]}}}}
                """.Replace("@NAME@", $"job-{i:D4}", StringComparison.Ordinal))!.AsObject());
        }

        Cluster.ClearRequests();
    }

    [Test]
    public async Task The_next_page_is_requested_while_a_page_is_decoded()
    {
        using var connection = Connect();
        var decoded = 0;

        var listed = await ListPager.ListAllAsync(
            (token, limit, ct) => FetchAsync(connection, token, limit, ct),
            body =>
            {
                var page = Decode(body);
                if (!string.IsNullOrEmpty(page.Continue))
                {
                    // Decoding waits until the server has been asked for the next page: without the peek it never is.
                    WaitUntil(() => Cluster.Requests.Any(r => r.Query.Contains(Uri.EscapeDataString(page.Continue), StringComparison.Ordinal)), "the next page was requested before this one was decoded");
                }

                decoded++;
                return page;
            },
            body => ListContinueToken.Peek(body),
            FastRetry,
            connection,
            "list jobs in namespace 'team-a'",
            CancellationToken.None);

        listed.Items.Should().Equal(Enumerable.Range(0, 1001).Select(i => $"job-{i:D4}"));
        decoded.Should().Be(3);
        Cluster.Requests.Count(r => r.Path == JobsPath).Should().Be(3, "one request per page, none twice");
    }

    [Test]
    public async Task A_peeked_token_that_is_not_the_decoded_one_is_dropped()
    {
        using var connection = Connect();
        var decodedTokens = new List<string>();

        var listed = await ListPager.ListAllAsync(
            (token, limit, ct) => FetchAsync(connection, token, limit, ct),
            body =>
            {
                var page = Decode(body);
                if (!string.IsNullOrEmpty(page.Continue))
                {
                    decodedTokens.Add(page.Continue);
                }

                return page;
            },
            body => ListContinueToken.Peek(body) is { } token ? token + "-not-this" : null,
            FastRetry,
            connection,
            "list jobs in namespace 'team-a'",
            CancellationToken.None);

        listed.Items.Should().Equal(Enumerable.Range(0, 1001).Select(i => $"job-{i:D4}"));
        decodedTokens.Should().HaveCount(2);
        var queries = Cluster.Requests.Where(r => r.Path == JobsPath && r.StatusCode == 200).Select(r => r.Query).ToList();
        queries.Should().HaveCount(3, "the first page and the two pages of the decoded tokens");
        foreach (var token in decodedTokens)
        {
            queries.Count(q => q.EndsWith("continue=" + Uri.EscapeDataString(token), StringComparison.Ordinal)).Should().Be(1);
        }
    }

    [Test]
    public async Task A_page_that_cannot_be_decoded_is_reported_like_a_failed_call()
    {
        using var connection = Connect();

        var act = () => ListPager.ListAllAsync<byte[], string>(
            (token, limit, ct) => FetchAsync(connection, token, limit, ct),
            _ => throw new JsonException("broken page"),
            body => ListContinueToken.Peek(body),
            FastRetry,
            connection,
            "list jobs in namespace 'team-a'",
            CancellationToken.None);

        var thrown = (await act.Should().ThrowAsync<JobmanException>()).Which;
        thrown.Message.Should().Be("cannot list jobs in namespace 'team-a': broken page", thrown.ToString());
    }

    private static async Task<byte[]> FetchAsync(ClusterConnection connection, string? token, int? limit, CancellationToken cancellationToken)
    {
        using var response = await ApiGetRequest.SendAsync(connection, JobsPath, [new("limit", limit?.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("continue", token)], cancellationToken);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    private static ListPage<string> Decode(byte[] body)
    {
        var list = JsonNode.Parse(body)!;
        return new(
            list["items"]!.AsArray().Select(i => (string)i!["metadata"]!["name"]!).ToList(),
            (string?)list["metadata"]?["continue"],
            (string?)list["metadata"]?["resourceVersion"]);
    }

    private static void WaitUntil(Func<bool> condition, string because)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail(because);
            }

            Thread.Yield();
        }
    }
}
