using System.Collections.Concurrent;
using System.Text;
using Jobman.Cli.Hosting;
using Jobman.Cli.Rendering;
using Jobman.Core.Commands;
using Jobman.Core.Output;

namespace Jobman.Cli.Tests;

/// <summary>
/// A warning from another thread (list writes its journal while the table is printed) waits for the result being
/// written: it never lands inside a table, and never flushes stdout while the table is being written.
/// </summary>
public class OutputLockTests
{
    [Test]
    public async Task A_warning_from_another_thread_waits_for_the_table_being_written()
    {
        var events = new ConcurrentQueue<string>();
        var stdout = new GatedWriter(events);
        var environment = new HostEnvironment
        {
            Out = stdout,
            Error = new RecordingWriter(events),
            In = TextReader.Null,
            IsOutputRedirected = true,
            HomeDirectory = Path.GetTempPath(),
            ToolDirectory = Path.GetTempPath(),
            GetEnvironmentVariable = _ => null,
        };
        var results = new ConsoleOutput(environment, OutputFormat.Table, colorEnabled: false);
        var warnings = new ConsoleOutput(environment, OutputFormat.Table, colorEnabled: false);
        var table = new TableView(new TableColumn("Name"), new TableColumn("Status"));
        for (var i = 0; i < 50; i++)
        {
            table.AddRow($"job-{i}", "Running");
        }

        var writing = Task.Run(() => results.WriteResult(table, () => null));
        (await Task.WhenAny(stdout.Started, Task.Delay(TimeSpan.FromSeconds(30)))).Should().Be(stdout.Started, "the table started");
        var warning = Task.Run(() => warnings.Warn("journal unusable"));

        // What must not happen: the warning finishing while the table is half written.
        (await Task.WhenAny(warning, Task.Delay(TimeSpan.FromMilliseconds(300)))).Should().NotBe(warning, "the warning waits for the table");
        stdout.Release();
        await Task.WhenAll(writing, warning).WaitAsync(TimeSpan.FromSeconds(30));

        var order = events.ToList();
        order.Should().Contain("stderr");
        order.Skip(order.IndexOf("stderr")).Should().NotContain("stdout-write", "every line of the table came before the warning");
    }

    /// <summary>stdout that blocks inside the first write until released.</summary>
    private sealed class GatedWriter(ConcurrentQueue<string> events) : TextWriter
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ManualResetEventSlim _gate = new(false);

        public Task Started => _started.Task;

        public override Encoding Encoding => Encoding.UTF8;

        public void Release() => _gate.Set();

        public override void Write(char value) => Written();

        public override void Write(string? value) => Written();

        public override void Write(ReadOnlySpan<char> buffer) => Written();

        public override void Flush() => events.Enqueue("stdout-flush");

        private void Written()
        {
            events.Enqueue("stdout-write");
            _started.TrySetResult();
            _gate.Wait(TimeSpan.FromSeconds(30));
        }
    }

    private sealed class RecordingWriter(ConcurrentQueue<string> events) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => events.Enqueue("stderr");

        public override void Write(string? value) => events.Enqueue("stderr");
    }
}
