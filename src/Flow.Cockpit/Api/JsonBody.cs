using System;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Flow.Cockpit.Api;

/// <summary>
/// Reads a request body as one JSON object (an empty body is <c>{}</c>), so malformed JSON is a
/// FLOW6404 problem before anything runs, never the framework's bare 400.
/// </summary>
internal static class JsonBody
{
    /// <summary>The most a body may hold (a completion's outputs, start data): 1 Mi characters.</summary>
    private const int MaxChars = 1 << 20;

    public static async Task<(JsonObject? Body, string Text, IResult? Problem)> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        string text;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 4096, leaveOpen: true))
        {
            var buffer = new StringBuilder();
            var chunk = new char[4096];
            int read;
            while ((read = await reader.ReadAsync(chunk.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxChars)
                {
                    return (null, "", Malformed("The body is larger than 1 MiB."));
                }

                buffer.Append(chunk, 0, read);
            }

            text = buffer.ToString();
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return (new JsonObject(), "{}", null);
        }

        try
        {
            var node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
            return node is JsonObject body ? (body, text, null) : (null, text, Malformed("The body must be a JSON object."));
        }
        catch (JsonException e)
        {
            return (null, text, Malformed($"The body is not valid JSON: {e.Message}"));
        }
    }

    public static IResult Malformed(string detail) => Problems.Of(CockpitErrors.MalformedBody, StatusCodes.Status400BadRequest, detail);
}
