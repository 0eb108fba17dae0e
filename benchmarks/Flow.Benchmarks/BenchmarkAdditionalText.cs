using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Flow.Benchmarks;

/// <summary>An additional file held in memory: a path and its (immutable, shared) text.</summary>
internal sealed class BenchmarkAdditionalText(string path, SourceText text) : AdditionalText
{
    public BenchmarkAdditionalText(string path, string text)
        : this(path, SourceText.From(text, System.Text.Encoding.UTF8))
    {
    }

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => text;
}
