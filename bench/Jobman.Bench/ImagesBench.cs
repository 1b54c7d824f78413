using Jobman.Sandbox.Harbor;

namespace Jobman.Bench;

/// <summary>
/// <c>jobman images</c> on the Harbor double with 500 repositories x 20 tags and 20 ms of latency on every request:
/// wall time, request count and how many requests were in flight at once.
/// </summary>
internal sealed class ImagesBench(BenchContext context, FigureWriter figures)
{
    private const int Repositories = 500;
    private const int TagsPerRepository = 20;
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(20);

    public async Task RunAsync()
    {
        await using var harbor = await HarborServer.StartAsync();
        harbor.AddProject("bench", isPublic: true);
        var tags = Enumerable.Range(1, TagsPerRepository).Select(t => $"1.{t}.0").ToArray();
        for (var i = 0; i < Repositories; i++)
        {
            harbor.AddRepository("bench", $"ml/model-{i:D3}", $"Model {i}", tags);
        }

        harbor.Latency = Latency;
        var environment = context.Environment("images");
        var settings = Path.Combine(environment["HOME"]!, ".jobman", "settings.json");
        Directory.CreateDirectory(Path.GetDirectoryName(settings)!);
        await File.WriteAllTextAsync(settings, $$"""{ "harbor": { "url": "{{harbor.Url}}", "project": "bench" }, "imageRegistry": "harbor" }""");

        Console.Error.WriteLine($"# images: {Repositories} repositories x {TagsPerRepository} tags, {Latency.TotalMilliseconds} ms latency per request");
        var walls = new List<double>();
        var peaks = new List<double>();
        var requests = new List<double>();
        for (var run = 0; run < context.Options.Runs; run++)
        {
            harbor.ClearRequests();
            var result = (await ChildProcess.RunAsync(context.Jobman, ["images"], environment)).EnsureSucceeded("jobman images");
            var rows = result.Stdout.Split('\n').Count(l => l.Contains("ml/model-", StringComparison.Ordinal));
            if (rows != Repositories)
            {
                throw new InvalidOperationException($"jobman images listed {rows} repositories, expected {Repositories}:\n{result.Stdout}");
            }

            walls.Add(result.Wall.TotalMilliseconds);
            peaks.Add(result.PeakMegabytes);
            requests.Add(harbor.Requests.Count);
        }

        figures.Add("images.repos_500_tags_20.jobman_wall", FigureWriter.Median(walls), "ms");
        figures.Add("images.repos_500_tags_20.jobman_peak_rss", FigureWriter.Median(peaks), "MB");
        figures.Add("images.repos_500_tags_20.jobman_requests", requests.Max(), "requests");
        figures.Add("images.repos_500_tags_20.max_in_flight", harbor.MaxInFlight, "requests");
    }
}
