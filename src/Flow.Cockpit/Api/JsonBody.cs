using System;
using System.Buffers;
using System.IO;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Flow.Cockpit.Api;

/// <summary>
/// Reads a request body as UTF-8 bytes, at most <see cref="CockpitOptions.MaxRequestBodyBytes"/>
/// (FLOW6323, 413, otherwise), and as one JSON object where the endpoint needs its members (an empty
/// body is <c>{}</c>), so malformed JSON is a FLOW6404 problem before anything runs, never the
/// framework's bare 400. A UTF-8 byte order mark is skipped on every endpoint, as the engine skips it. Start data and outputs go to the engine as the bytes (no string, no second
/// parse): the engine refuses them with its own ids (FLOW6322, FLOW6040).
/// </summary>
internal static class JsonBody
{
    private static readonly JsonDocumentOptions ObjectOptions = new() { MaxDepth = 64, AllowDuplicateProperties = false };

    /// <summary>The body's bytes (empty when there is none), or a problem when it is larger than the limit.</summary>
    public static async Task<(ReadOnlyMemory<byte> Body, IResult? Problem)> ReadBytesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var max = request.HttpContext.RequestServices.GetService<IOptions<CockpitOptions>>()?.Value.MaxRequestBodyBytes ?? CockpitOptions.DefaultMaxRequestBodyBytes;
        if (request.ContentLength > max)
        {
            return (default, TooLarge(max));
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit && limit.MaxRequestBodySize < max + 1)
        {
            limit.MaxRequestBodySize = max + 1;   // our own limit answers with a problem, not the server's bare 413
        }

        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is > 0 and var length && length <= max ? (int)length : 4096);
        while (true)
        {
            var memory = buffer.GetMemory(4096);
            int read;
            try
            {
                read = await request.Body.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return (default, TooLarge(max));
            }

            if (read == 0)
            {
                return (buffer.WrittenMemory, null);
            }

            if (buffer.WrittenCount + read > max)
            {
                return (default, TooLarge(max));
            }

            buffer.Advance(read);
        }
    }

    /// <summary>The body as a JSON object (members given twice are refused, nesting is bounded), or a problem.</summary>
    public static async Task<(JsonObject? Body, IResult? Problem)> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (bytes, problem) = await ReadJsonBytesAsync(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return (null, problem);
        }

        if (!Utf8.IsValid(bytes.Span))
        {
            // Its strings would throw when read (a server error): these bodies carry names and ids, never data to pass on.
            return (null, Malformed("The body is not valid UTF-8."));
        }

        try
        {
            return JsonNode.Parse(bytes.Span, documentOptions: ObjectOptions) is JsonObject body ? (body, null) : (null, NotAnObject());
        }
        catch (JsonException e)
        {
            return (null, NotJson(e));
        }
    }

    /// <summary>
    /// The body as one JSON object document over the body's own bytes (members given twice are
    /// refused, nesting is bounded), or a problem: parsed once, a member's bytes are a slice of the
    /// body (<see cref="RawBytes"/>). The caller disposes it.
    /// </summary>
    public static async Task<(JsonDocument? Document, ReadOnlyMemory<byte> Bytes, IResult? Problem)> ReadDocumentAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (bytes, problem) = await ReadJsonBytesAsync(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return (null, default, problem);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, ObjectOptions);
        }
        catch (JsonException e)
        {
            return (null, default, NotJson(e));
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            return (null, default, NotAnObject());
        }

        return (document, bytes, null);
    }

    /// <summary>The body's bytes for a JSON reader: a UTF-8 byte order mark skipped (as start data's is), <c>{}</c> when blank.</summary>
    private static async Task<(ReadOnlyMemory<byte> Bytes, IResult? Problem)> ReadJsonBytesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (bytes, problem) = await ReadBytesAsync(request, cancellationToken).ConfigureAwait(false);
        return problem is not null ? (default, problem)
            : IsBlank(bytes.Span) ? ("{}"u8.ToArray(), null)
            : (WithoutBom(bytes), null);
    }

    private static IResult NotJson(JsonException e) => Malformed($"The body is not valid JSON: {e.Message}");

    private static IResult NotAnObject() => Malformed("The body must be a JSON object.");

    /// <summary>
    /// The raw UTF-8 bytes of <paramref name="element"/> as a slice of <paramref name="body"/>, the
    /// memory its document was parsed from (JsonDocument keeps those bytes, it does not copy them), so
    /// they can outlive the call that asks; a copy if the element is not in it.
    /// </summary>
    public static ReadOnlyMemory<byte> RawBytes(ReadOnlyMemory<byte> body, JsonElement element)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        var offset = Unsafe.ByteOffset(ref MemoryMarshal.GetReference(body.Span), ref MemoryMarshal.GetReference(raw));
        return offset >= 0 && offset + raw.Length <= body.Length ? body.Slice((int)offset, raw.Length) : raw.ToArray();
    }

    /// <summary>Start data: the bytes as they came, or <c>{}</c> for an empty body.</summary>
    public static ReadOnlyMemory<byte> OrEmptyObject(ReadOnlyMemory<byte> body) => IsBlank(body.Span) ? "{}"u8.ToArray() : body;

    public static IResult Malformed(string detail) => Problems.Of(CockpitErrors.MalformedBody, StatusCodes.Status400BadRequest, detail);

    private static IResult TooLarge(long max) =>
        Problems.Of(CockpitErrors.BodyTooLarge, StatusCodes.Status413PayloadTooLarge,
            $"The request body is larger than {max} bytes (CockpitOptions.MaxRequestBodyBytes); nothing was read or changed.");

    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    private static ReadOnlyMemory<byte> WithoutBom(ReadOnlyMemory<byte> utf8) => utf8.Span.StartsWith(Bom) ? utf8[3..] : utf8;

    private static bool IsBlank(ReadOnlySpan<byte> utf8) => (utf8.StartsWith(Bom) ? utf8[3..] : utf8).Trim(" \t\r\n"u8).IsEmpty;
}
