using System;
using System.Security.Cryptography;
using System.Text;

namespace Flow.Compiler.Text;

/// <summary>
/// SHA-256 of text appended piece by piece, as <see cref="FlowCompiler.Sha256Hex"/> would hash
/// the concatenation (UTF-8, lowercase hex), without ever holding the concatenation or its
/// bytes: a fixed buffer is encoded and hashed whenever it fills. The encoder keeps a surrogate
/// pair split across two fills intact.
/// </summary>
internal sealed class Sha256Text : IDisposable
{
    private const int BufferChars = 4096;

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly Encoder _encoder = Encoding.UTF8.GetEncoder();
    private readonly char[] _chars = new char[BufferChars];
    private readonly byte[] _bytes = new byte[Encoding.UTF8.GetMaxByteCount(BufferChars)];
    private int _count;

    public Sha256Text Append(char c)
    {
        if (_count == BufferChars)
        {
            Flush(final: false);
        }

        _chars[_count++] = c;
        return this;
    }

    public Sha256Text Append(string? text)
    {
        if (text is null)
        {
            return this;
        }

        var offset = 0;
        while (offset < text.Length)
        {
            if (_count == BufferChars)
            {
                Flush(final: false);
            }

            var length = Math.Min(text.Length - offset, BufferChars - _count);
            text.CopyTo(offset, _chars, _count, length);
            _count += length;
            offset += length;
        }

        return this;
    }

    /// <summary>The hash in lowercase hex; the instance is spent afterwards.</summary>
    public string ToHex()
    {
        Flush(final: true);
        var hash = _hash.GetHashAndReset();
        var hex = new char[hash.Length * 2];
        for (var i = 0; i < hash.Length; i++)
        {
            hex[2 * i] = Digit(hash[i] >> 4);
            hex[(2 * i) + 1] = Digit(hash[i] & 0xF);
        }

        return new string(hex);
    }

    public void Dispose() => _hash.Dispose();

    private static char Digit(int value) => (char)(value < 10 ? '0' + value : 'a' + value - 10);

    private void Flush(bool final)
    {
        var length = _encoder.GetBytes(_chars, 0, _count, _bytes, 0, final);
        _hash.AppendData(_bytes, 0, length);
        _count = 0;
    }
}
