using System;
using System.Buffers;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
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
/// framework's bare 400. Start data and outputs go to the engine as the bytes (no string, no second
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

    /// <summary>The body as a JSON object (members given twice are refused, nesting is bounded), its bytes, or a problem.</summary>
    public static async Task<(JsonObject? Body, ReadOnlyMemory<byte> Bytes, IResult? Problem)> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (bytes, problem) = await ReadBytesAsync(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return (null, default, problem);
        }

        if (IsBlank(bytes.Span))
        {
            return (new JsonObject(), "{}"u8.ToArray(), null);
        }

        try
        {
            var node = JsonNode.Parse(bytes.Span, documentOptions: ObjectOptions);
            return node is JsonObject body ? (body, bytes, null) : (null, bytes, Malformed("The body must be a JSON object."));
        }
        catch (JsonException e)
        {
            return (null, bytes, Malformed($"The body is not valid JSON: {e.Message}"));
        }
    }

    /// <summary>Start data: the bytes as they came, or <c>{}</c> for an empty body.</summary>
    public static ReadOnlyMemory<byte> OrEmptyObject(ReadOnlyMemory<byte> body) => IsBlank(body.Span) ? "{}"u8.ToArray() : body;

    public static IResult Malformed(string detail) => Problems.Of(CockpitErrors.MalformedBody, StatusCodes.Status400BadRequest, detail);

    private static IResult TooLarge(long max) =>
        Problems.Of(CockpitErrors.BodyTooLarge, StatusCodes.Status413PayloadTooLarge,
            $"The request body is larger than {max} bytes (CockpitOptions.MaxRequestBodyBytes); nothing was read or changed.");

    private static bool IsBlank(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            utf8 = utf8[3..];
        }

        return utf8.Trim(" \t\r\n"u8).IsEmpty;
    }
}
