using System;
using System.Security.Cryptography;

namespace Flow;

/// <summary>
/// New instance ids: random (version 4) GUIDs in the "N" form, as <c>Guid.NewGuid().ToString("N")</c>
/// gives them. <see cref="Guid.NewGuid"/> asks the operating system for 16 random bytes on every
/// call (a system call on Linux, about 5 % of a start + complete pair in memory); here each thread
/// takes them from its own buffer, filled from the same cryptographic source 64 ids at a time.
/// </summary>
internal static class InstanceIds
{
    private const int IdsPerFill = 64;

    [ThreadStatic]
    private static byte[]? t_random;

    [ThreadStatic]
    private static int t_next;

    public static string New()
    {
        var random = t_random ??= new byte[16 * IdsPerFill];
        var next = t_next;
        if (next == 0)
        {
            RandomNumberGenerator.Fill(random);
        }

        t_next = (next + 1) % IdsPerFill;
        Span<byte> bytes = stackalloc byte[16];
        random.AsSpan(16 * next, 16).CopyTo(bytes);

        // The version and variant bits Guid.NewGuid sets: version 4 (random), RFC 4122 variant.
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString("N");
    }

    /// <summary>The length of an id in the engine's form.</summary>
    public const int Length = 32;

    /// <summary>Whether <paramref name="id"/> is in the engine's form: 32 lowercase hex digits (a GUID's "N" form).</summary>
    public static bool IsEngineForm(string id) => id.Length == Length && !id.AsSpan().ContainsAnyExcept(LowerHexDigits);

    private static readonly System.Buffers.SearchValues<char> LowerHexDigits = System.Buffers.SearchValues.Create("0123456789abcdef");
}
