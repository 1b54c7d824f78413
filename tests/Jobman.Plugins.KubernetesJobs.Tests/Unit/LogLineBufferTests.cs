using Jobman.Plugins.KubernetesJobs.Logs;

namespace Jobman.Plugins.KubernetesJobs.Tests.Unit;

public class LogLineBufferTests
{
    [Test]
    public void Lines_cut_by_reads_and_longer_than_the_buffer_come_out_whole_and_the_buffer_shrinks_back()
    {
        var longLine = new string('y', (LogLineBuffer.InitialChars * 5) + 123);
        string[] lines = ["first", string.Empty, longLine, "after the long one", new string('z', LogLineBuffer.InitialChars - 1), "last"];
        var log = string.Join('\n', lines) + "\npartial";
        var buffer = new LogLineBuffer();
        var taken = new List<string>();
        var largest = 0;
        var random = new Random(3);
        for (var offset = 0; offset < log.Length;)
        {
            var free = buffer.FreeSpace();
            free.Length.Should().BeGreaterThanOrEqualTo(buffer.Capacity / 2);
            largest = Math.Max(largest, buffer.Capacity);

            // Reads of any size up to the free space, as a stream hands them out.
            var count = Math.Min(Math.Min(free.Length, random.Next(1, 40_000)), log.Length - offset);
            log.AsSpan(offset, count).CopyTo(free.Span);
            offset += count;
            buffer.Filled(count);
            while (buffer.TryTakeLine(out var line))
            {
                taken.Add(line.ToString());
            }
        }

        taken.Should().Equal(lines);
        buffer.TakeRest().Should().Be("partial");
        buffer.TakeRest().Should().BeNull();
        largest.Should().BeGreaterThan(longLine.Length).And.BeLessThanOrEqualTo(longLine.Length * 4, "memory is bounded by the longest line");
        buffer.FreeSpace();
        buffer.Capacity.Should().Be(LogLineBuffer.InitialChars, "the buffer shrinks back once the long line is gone");
    }

    [Test]
    public void A_log_ending_with_a_newline_leaves_nothing()
    {
        var buffer = new LogLineBuffer();
        "a\r\nb\n".AsSpan().CopyTo(buffer.FreeSpace().Span);
        buffer.Filled(5);
        buffer.TryTakeLine(out var first).Should().BeTrue();
        first.ToString().Should().Be("a\r");
        buffer.TryTakeLine(out var second).Should().BeTrue();
        second.ToString().Should().Be("b");
        buffer.TryTakeLine(out _).Should().BeFalse();
        buffer.TakeRest().Should().BeNull();
    }
}
