namespace Jobman.Cli.Hosting;

/// <summary>A reader that opens the reader it forwards to on first use (for stdin, whose set-up costs every start).</summary>
internal sealed class DeferredReader(Func<TextReader> open) : TextReader
{
    private TextReader? _reader;

    private TextReader Reader => _reader ??= open();

    public override int Peek() => Reader.Peek();

    public override int Read() => Reader.Read();

    public override int Read(char[] buffer, int index, int count) => Reader.Read(buffer, index, count);

    public override int Read(Span<char> buffer) => Reader.Read(buffer);

    public override string? ReadLine() => Reader.ReadLine();

    public override string ReadToEnd() => Reader.ReadToEnd();

    public override Task<string?> ReadLineAsync() => Reader.ReadLineAsync();

    public override ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken) => Reader.ReadLineAsync(cancellationToken);

    public override Task<string> ReadToEndAsync() => Reader.ReadToEndAsync();

    public override Task<string> ReadToEndAsync(CancellationToken cancellationToken) => Reader.ReadToEndAsync(cancellationToken);

    public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) => Reader.ReadAsync(buffer, cancellationToken);
}
