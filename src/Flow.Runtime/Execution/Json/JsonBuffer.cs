using System;
using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Flow;

/// <summary>
/// A reusable UTF-8 buffer with its writer, one cached per thread: a command writes its state
/// into it and copies out the strings it keeps, so the buffer and the writer are not allocated
/// per command. Use it synchronously (rent, write, copy out, return) and never across an await.
/// </summary>
internal sealed class JsonBuffer
{
    /// <summary>A buffer that grew past this is dropped on return rather than kept for the thread.</summary>
    private const int MaxKeptBytes = 1 << 20;

    [ThreadStatic]
    private static JsonBuffer? t_cached;

    private readonly ArrayBufferWriter<byte> _buffer = new(1024);

    private JsonBuffer() => Writer = new Utf8JsonWriter(_buffer);

    public Utf8JsonWriter Writer { get; }

    /// <summary>The bytes written so far (flushes the writer).</summary>
    public int Position
    {
        get
        {
            Writer.Flush();
            return _buffer.WrittenCount;
        }
    }

    /// <summary>The bytes written so far (flushes the writer).</summary>
    public ReadOnlySpan<byte> Written
    {
        get
        {
            Writer.Flush();
            return _buffer.WrittenSpan;
        }
    }

    public static JsonBuffer Rent()
    {
        var buffer = t_cached ?? new JsonBuffer();
        t_cached = null;
        return buffer;
    }

    /// <summary>The text of bytes <paramref name="start"/> to <paramref name="end"/>.</summary>
    public string Text(int start, int end)
    {
        Writer.Flush();
        return Encoding.UTF8.GetString(_buffer.WrittenSpan[start..end]);
    }

    /// <summary>Everything written, as text.</summary>
    public string Text() => Text(0, Position);

    public void Return()
    {
        if (_buffer.Capacity > MaxKeptBytes)
        {
            return;
        }

        Writer.Reset();
        _buffer.ResetWrittenCount();
        t_cached = this;
    }

    /// <summary>Text of at most this many characters is transcoded on the stack (at most 3 bytes a character, about 1 KB).</summary>
    internal const int StackChars = 340;

    /// <summary>
    /// Runs <paramref name="read"/> over the UTF-8 bytes of <paramref name="json"/> (stored states
    /// and command inputs are strings, the reader wants bytes): short text (a completion's output,
    /// start data) on the stack, longer text in a pooled array.
    /// </summary>
    public static TResult ReadUtf8<TState, TResult>(string json, TState state, Utf8Reader<TState, TResult> read)
    {
        if (json.Length <= StackChars)
        {
            // Sized to the text, since the stack is zeroed as far as it is taken.
            Span<byte> stack = stackalloc byte[Encoding.UTF8.GetMaxByteCount(json.Length)];
            var written = Encoding.UTF8.GetBytes(json, stack);
            return read(stack[..written], state);
        }

        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(json, bytes);
            return read(bytes.AsSpan(0, length), state);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}

/// <summary>Reads something from UTF-8 JSON.</summary>
internal delegate TResult Utf8Reader<in TState, out TResult>(ReadOnlySpan<byte> utf8, TState state);
